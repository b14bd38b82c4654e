import matplotlib.pyplot as plt
import numpy as np
import util

# Noise ~ N(0, sigma^2)
sigma = 0.5
# Dimension of x
d = 500
# Theta ~ N(0, eta^2 I)
eta = 1 / np.sqrt(d)
# Scaling for lambda to plot
scale_list = [0, 1 / 32, 1 / 16, 1 / 8, 1 / 4, 1 / 2, 1, 2, 4]
# List of dataset sizes
n_list = [200 * (i + 1) // 4 for i in range(3, 16)]


def ridge_regression(train_path, validation_path):
    """Do ridge regression with different scales of the optimal lambda and return the
    validation errors.

    Read the data with util.load_dataset(path) -> (x, y). For each scale in scale_list,
    fit the MAP estimate with lambda = scale * lambda_opt and compute its error on the
    validation set.

    Args:
        train_path: Path to CSV file containing training set.
        validation_path: Path to CSV file containing validation set.

    Returns:
        A list of validation errors, one for each scale in scale_list.
    """
    # *** START CODE HERE ***
    x_train, y_train = util.load_dataset(train_path)
    x_val, y_val = util.load_dataset(validation_path)
    dim = x_train.shape[1]
    lambda_opt = sigma**2 / eta**2
    gram = x_train.T.dot(x_train)
    moment = x_train.T.dot(y_train)
    errors = []
    for scale in scale_list:
        regulariser = scale * lambda_opt * np.identity(dim)
        theta = np.linalg.lstsq(gram + regulariser, moment, rcond=None)[0]
        residual = y_val - x_val.dot(theta)
        errors.append(residual.dot(residual) / (2 * len(y_val)))
    return errors
    # *** END CODE HERE ***


if __name__ == "__main__":
    val_errs = []
    for n in n_list:
        val_err = ridge_regression(f"train{n}.csv", "validation.csv")
        val_errs.append(val_err)
    val_errs = np.asarray(val_errs).T
    plt.figure()
    for i in range(len(scale_list)):
        if scale_list[i] == 0:
            plt.plot(n_list, val_errs[i], linewidth=5, label="lambda = 0")
        else:
            plt.plot(n_list, val_errs[i], label=f"lambda = {scale_list[i]} * lambda_opt")
    plt.xlabel("Num Samples")
    plt.ylabel("Validation Err")
    plt.ylim(0, 2)
    plt.legend()
    plt.savefig("doubledescent.png")
