"""Problem 4(d) of the answer key."""

import numpy as np
import util

from cs229ps2.problems.doubledescent import doubledescent as ridge

sigma = 0.5
d = 500
eta = 1 / np.sqrt(d)
scale_list = [0, 1 / 32, 1 / 16, 1 / 8, 1 / 4, 1 / 2, 1, 2, 4]
n_list = list(range(200, 801, 50))


def ridge_regression(train_path, validation_path):
    x, y = util.load_dataset(train_path)
    x_val, y_val = util.load_dataset(validation_path)
    alphas = ridge.ridge_alpha(np.asarray(scale_list) * ridge.lambda_opt(eta), sigma)
    return list(ridge.validation_mse(x, y, x_val, y_val, alphas))
