"""Problem 5(b, c) of the answer key."""

from cs229ps2.problems import simple_nn


def example_weights():
    weights = {f"hidden_layer_{i}_{j}": 0 for i in range(3) for j in range(1, 4)}
    weights.update({f"output_layer_{j}": 0 for j in range(4)})
    return weights


def optimal_step_weights():
    w1, w2 = simple_nn.optimal_step_weights()
    weights = {f"hidden_layer_{i}_{j}": float(w1[i, j - 1]) for i in range(3) for j in range(1, 4)}
    weights.update({f"output_layer_{j}": float(w2[j]) for j in range(4)})
    return weights


def optimal_linear_weights():
    return example_weights()  # impossible: with linear hidden units the network is a linear classifier
