"""Problem 5(b, c): weights of the 2-3-1 network (an example submission)."""


def example_weights():
    """The template: every weight 0."""
    weights = {f"hidden_layer_{i}_{j}": 0 for i in range(3) for j in range(1, 4)}
    weights.update({f"output_layer_{j}": 0 for j in range(4)})
    return weights


def optimal_step_weights():
    """Each hidden unit is one side of the triangle (x1 > 0.5, x2 > 0.5, x1 + x2 < 4); the output is 0
    inside it, where all three fire."""
    w = example_weights()
    w.update(hidden_layer_0_1=-0.5, hidden_layer_1_1=1)
    w.update(hidden_layer_0_2=-0.5, hidden_layer_2_2=1)
    w.update(hidden_layer_0_3=4, hidden_layer_1_3=-1, hidden_layer_2_3=-1)
    w.update(output_layer_0=3, output_layer_1=-1, output_layer_2=-1, output_layer_3=-1)
    return w


def optimal_linear_weights():
    """Impossible: with linear hidden units the network is a linear classifier, and no line
    separates the triangle from the points around it. The template stays unchanged."""
    return example_weights()
