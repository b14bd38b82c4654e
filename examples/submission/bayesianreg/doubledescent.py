"""Problem 4(d): ridge regression and double descent (an example submission)."""

import numpy as np
import util

sigma = 0.5
d = 500
eta = 1 / np.sqrt(d)
scale_list = [0, 1 / 32, 1 / 16, 1 / 8, 1 / 4, 1 / 2, 1, 2, 4]
n_list = [200 + 50 * k for k in range(13)]


def ridge_regression(train_path, validation_path):
    """Validation MSE of the minimiser of ||y - X theta||^2 / (2 sigma^2) + lambda ||theta||^2, per lambda."""
    x, y = util.load_dataset(train_path)
    x_val, y_val = util.load_dataset(validation_path)
    lambda_opt = 1 / (2 * eta**2)
    errors = []
    for scale in scale_list:
        penalty = 2 * sigma**2 * scale * lambda_opt
        theta = np.linalg.pinv(x.T @ x + penalty * np.eye(x.shape[1])) @ x.T @ y
        errors.append(np.mean((x_val @ theta - y_val) ** 2))
    return errors


if __name__ == "__main__":
    for n in n_list:
        print(n, ridge_regression(f"train{n}.csv", "validation.csv"))
