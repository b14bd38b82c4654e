"""Problem 3: the kernelised perceptron (an example submission)."""

import math

import numpy as np
import util


def initial_state():
    """theta = 0, kept as the list of (coefficient, training point) pairs of its expansion."""
    return []


def predict(state, kernel, x_i):
    """h(x_i) = sign(theta^T phi(x_i)) = sign(sum_k beta_k K(x_k, x_i))."""
    return sign(sum(beta * kernel(x_k, x_i) for beta, x_k in state))


def update_state(state, kernel, learning_rate, x_i, y_i):
    """theta += learning_rate (y_i - h(x_i)) phi(x_i), in place."""
    beta = learning_rate * (y_i - predict(state, kernel, x_i))
    if beta != 0:
        state.append((beta, x_i))


def sign(a):
    return 1 if a >= 0 else 0


def dot_kernel(a, b):
    return np.dot(a, b)


def rbf_kernel(a, b, sigma=1):
    distance = (a - b).dot(a - b)
    return math.exp(-distance / (2 * sigma**2))


def non_psd_kernel(a, b):
    return -1 if np.allclose(a, b, rtol=1e-5) else 0


def train_perceptron(kernel_name, kernel, learning_rate):
    train_x, train_y = util.load_csv("train.csv")
    state = initial_state()
    for x_i, y_i in zip(train_x, train_y):
        update_state(state, kernel, learning_rate, x_i, y_i)
    test_x, _ = util.load_csv("test.csv")
    predictions = [predict(state, kernel, x_i) for x_i in test_x]
    np.savetxt(f"perceptron_{kernel_name}_predictions", predictions)


if __name__ == "__main__":
    for name, kernel in (("dot", dot_kernel), ("rbf", rbf_kernel), ("non_psd", non_psd_kernel)):
        train_perceptron(name, kernel, 0.5)
