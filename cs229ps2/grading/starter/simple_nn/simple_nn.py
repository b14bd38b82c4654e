import util  # noqa: I001 (the course's order)
import numpy as np


def example_weights():
    """This is an example function that returns weights.
    Use this function as a template for optimal_step_weights and optimal_linear_weights.
    You may modify this function for your own testing.

    Keys: hidden_layer_{i}_{j} is the weight from input i (0 is the intercept) to
    hidden unit j; output_layer_{j} is the weight from hidden unit j (0 is the
    intercept) to the output.
    """
    w = {}

    w["hidden_layer_0_1"] = 0
    w["hidden_layer_1_1"] = 0
    w["hidden_layer_2_1"] = 0
    w["hidden_layer_0_2"] = 0
    w["hidden_layer_1_2"] = 0
    w["hidden_layer_2_2"] = 0
    w["hidden_layer_0_3"] = 0
    w["hidden_layer_1_3"] = 0
    w["hidden_layer_2_3"] = 0

    w["output_layer_0"] = 0
    w["output_layer_1"] = 0
    w["output_layer_2"] = 0
    w["output_layer_3"] = 0

    return w


def optimal_step_weights():
    """Return optimal weights for the neural network with a step activation function.

    See the PDF for instructions on what each weight represents.

    The keys of the dictionary returned are the same as those of example_weights.

    Returns:
        A dict containing the weights for the neural network.
    """
    w = example_weights()

    # *** START CODE HERE ***
    # *** END CODE HERE ***

    return w


def optimal_linear_weights():
    """Return optimal weights for the neural network with a linear activation function for
    the hidden units.

    See the PDF for instructions on what each weight represents.

    The keys of the dictionary returned are the same as those of example_weights.

    Returns:
        A dict containing the weights for the neural network.
    """
    w = example_weights()

    # *** START CODE HERE ***
    # *** END CODE HERE ***

    return w


def compute_predictions(X, weights, step_fn=lambda x: x > 1e-10, output_step_fn=lambda x: x > 1e-10):
    """Predict the label of each row of X (intercept first) with the 2-3-1 network."""

    def get(layer, i, j=None):
        return weights[f"{layer}_{i}" if j is None else f"{layer}_{i}_{j}"]

    hidden = [step_fn(sum(X[:, i] * get("hidden_layer", i, j) for i in range(3))) for j in range(1, 4)]
    output = get("output_layer", 0) + sum(hidden[j - 1] * get("output_layer", j) for j in range(1, 4))
    return output_step_fn(output)


if __name__ == "__main__":
    x, y = util.load_dataset("train.csv", add_intercept=True)

    step_weights = optimal_step_weights()
    step_y_pred = compute_predictions(x, step_weights)
    print("Step function accuracy is: " + str(np.mean(step_y_pred == y)))
    util.plot(x, y, lambda X: compute_predictions(X, step_weights), "step_weights.pdf")

    linear_weights = optimal_linear_weights()
    linear_y_pred = compute_predictions(x, linear_weights, step_fn=lambda x: x)
    print("Linear function accuracy is: " + str(np.mean(linear_y_pred == y)))
    util.plot(
        x, y, lambda X: compute_predictions(X, linear_weights, step_fn=lambda x: x), "linear_weights.pdf"
    )
