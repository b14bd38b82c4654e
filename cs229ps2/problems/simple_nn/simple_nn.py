"""The 2-3-1 network of problem 5: sigmoid training (a), step weights (b), linear hidden layer (c).

Weights: w1 of shape (3, 3) with w1[i, j - 1] = w_{i,j}^{[1]} (row 0 the intercepts w_{0,j},
rows 1, 2 the inputs x_1, x_2; column j - 1 the hidden unit h_j); w2 of shape (4,) with
w2[0] = w_0^{[2]} and w2[j] = w_j^{[2]}. Inputs x have shape (n, 2), labels y (n,) in {0, 1}.

5(a). With sigmoid g on h_1..h_3 and o, z_j = w_{0,j} + w_{1,j} x_1 + w_{2,j} x_2, h_j = g(z_j),
o = g(w_0^{[2]} + sum_j w_j^{[2]} h_j) and l = (1/n) sum_i (o^(i) - y^(i))^2:
    dl/dw_{1,2}^{[1]} = (2/n) sum_i (o^(i) - y^(i)) o^(i) (1 - o^(i)) w_2^{[2]} h_2^(i) (1 - h_2^(i)) x_1^(i),
with h_2^(i) = g(w_{0,2} + w_{1,2} x_1^(i) + w_{2,2} x_2^(i)); the update is
    w_{1,2}^{[1]} <- w_{1,2}^{[1]} - alpha dl/dw_{1,2}^{[1]}.

5(c). With identity hidden units, o = f(w_0 + sum_j w_j (w_{0,j} + w_{1,j} x_1 + w_{2,j} x_2))
= f(b + w . x): a linear classifier, so 100 % accuracy needs linearly separable data.
"""

from __future__ import annotations

import numpy as np

from cs229ps2.problems.gradcheck import numerical_gradient, relative_error
from cs229ps2.problems.maths import accuracy, add_intercept, sigmoid

STEP_TOLERANCE = 1e-10


def step(z, tol: float = STEP_TOLERANCE):
    """Step activation f(z) = 1 if z > tol else 0 (the course compared with a 1e-10 tolerance)."""
    return (np.asarray(z) > tol).astype(float)


def forward(w1, w2, x, hidden=sigmoid, output=sigmoid):
    """Hidden activations h (n, 3) and outputs o (n,) of the network for inputs x (n, 2)."""
    h = hidden(add_intercept(x) @ w1)
    return h, output(add_intercept(h) @ w2)


def _mse(o, y) -> float:
    return float(np.mean((o - y) ** 2))


def mse_loss(w1, w2, x, y) -> float:
    """Average squared loss (1/n) sum (o - y)^2 of the sigmoid network."""
    return _mse(forward(w1, w2, x)[1], y)


def grad_w12(w1, w2, x, y) -> float:
    """dl/dw_{1,2}^{[1]} of the sigmoid network by the closed form of 5(a) (docstring above)."""
    h, o = forward(w1, w2, x)
    h2 = h[:, 1]
    return float(2.0 / len(y) * np.sum((o - y) * o * (1 - o) * w2[2] * h2 * (1 - h2) * x[:, 0]))


def _backprop(w2, x, y, h, o):
    """(dl/dw1 (3, 3), dl/dw2 (4,)) from the forward pass's h (n, 3) and o (n,)."""
    delta_o = 2.0 / len(y) * (o - y) * o * (1 - o)  # (n,)
    grad_w2 = add_intercept(h).T @ delta_o
    delta_h = delta_o[:, None] * w2[None, 1:] * h * (1 - h)  # (n, 3)
    return add_intercept(x).T @ delta_h, grad_w2


def gradients(w1, w2, x, y):
    """Backpropagated (dl/dw1 (3, 3), dl/dw2 (4,)) of the sigmoid network's squared loss."""
    return _backprop(w2, x, y, *forward(w1, w2, x))


def loss_and_gradients(w1, w2, x, y):
    """:func:`mse_loss` and :func:`gradients` from one forward pass: (loss, dl/dw1 (3, 3), dl/dw2 (4,))."""
    h, o = forward(w1, w2, x)
    return (_mse(o, y), *_backprop(w2, x, y, h, o))


def check_w12_gradient(w1, w2, x, y, eps: float = 1e-6) -> dict:
    """5(a)'s closed form and the backpropagated dl/dw1 against central finite differences."""
    numeric = numerical_gradient(lambda w: mse_loss(w, w2, x, y), w1, eps)
    closed_form = grad_w12(w1, w2, x, y)
    return {
        "w12_closed_form": closed_form,
        "w12_finite_difference": float(numeric[1, 1]),
        "w12_relative_error": relative_error(closed_form, numeric[1, 1]),
        "all_w1_backprop_relative_error": relative_error(gradients(w1, w2, x, y)[0], numeric),
    }


def init_weights(seed: int, scale: float = 1.0):
    """Gaussian initial weights N(0, scale^2): (w1 (3, 3), w2 (4,))."""
    rng = np.random.default_rng(seed)
    return scale * rng.normal(size=(3, 3)), scale * rng.normal(size=4)


def train_sigmoid(x, y, seed: int, steps: int, lr: float, scale: float = 1.0, log=None, log_every: int = 0):
    """Full-batch gradient descent on all weights: (w1, w2, losses (steps + 1,)).

    Inputs are used as given; the loss is recorded before each step and after the last.
    """
    w1, w2 = init_weights(seed, scale)
    losses = np.empty(steps + 1)
    for t in range(steps):
        losses[t], g1, g2 = loss_and_gradients(w1, w2, x, y)
        if log is not None and log_every and t % log_every == 0:
            log.info("step %d/%d: loss %.6f", t, steps, losses[t])
        w1, w2 = w1 - lr * g1, w2 - lr * g2
    losses[steps] = mse_loss(w1, w2, x, y)
    return w1, w2, losses


def step_weights():
    """Step-network weights (values in {-1, -0.5, 0, 1, 3, 4}) giving class 0 inside the triangle.

    h_1 = f(x_1 - 0.5), h_2 = f(x_2 - 0.5), h_3 = f(4 - x_1 - x_2) are the triangle's three
    sides; o = f(3 - h_1 - h_2 - h_3) is 0 exactly when all three hold (class 0), else 1.
    """
    w1 = np.array([[-0.5, -0.5, 4.0], [1.0, 0.0, -1.0], [0.0, 1.0, -1.0]])
    w2 = np.array([3.0, -1.0, -1.0, -1.0])
    return w1, w2


HIDDEN = [f"hidden_layer_{i}_{j}" for i in range(3) for j in range(1, 4)]
OUTPUT = [f"output_layer_{j}" for j in range(4)]


def course_weights(w1, w2) -> dict:
    """(w1 (3, 3), w2 (4,)) as the course's weight dict: hidden_layer_{i}_{j} = w1[i][j - 1]
    (i = 0 the bias), output_layer_{j} = w2[j]."""
    return dict(zip(HIDDEN + OUTPUT, map(float, [*np.ravel(w1), *np.ravel(w2)])))


def weight_arrays(weights: dict):
    """The course's weight dict as (w1 (3, 3), w2 (4,))."""
    values = np.array([weights[k] for k in HIDDEN + OUTPUT], dtype=float)
    return values[:9].reshape(3, 3), values[9:]


def example_weights() -> dict:
    """The course's template of the weights: every weight 0."""
    return course_weights(np.zeros((3, 3)), np.zeros(4))


def optimal_step_weights() -> dict:
    """5(b) as the course's driver calls it: :func:`step_weights` as the course's weight dict."""
    return course_weights(*step_weights())


def optimal_linear_weights() -> dict:
    """5(c) as the course's driver calls it: no weights classify these data perfectly with linear
    hidden units (the network is then a linear classifier), so the template's zeros."""
    return example_weights()


def predict_step(w1, w2, x, tol: float = STEP_TOLERANCE) -> np.ndarray:
    """Labels (n,) of the all-step network."""

    def f(z):
        return step(z, tol)

    return forward(w1, w2, x, hidden=f, output=f)[1].astype(int)


def predict_linear(w1, w2, x, tol: float = STEP_TOLERANCE) -> np.ndarray:
    """Labels (n,) of the network with identity hidden units and a step output."""
    return forward(w1, w2, x, hidden=lambda z: z, output=lambda z: step(z, tol))[1].astype(int)


def line_weights(w, b):
    """Network weights of 5(c) realising the line classifier 1[w . x + b > 0]: h_1 = w . x + b, o = f(h_1)."""
    w1 = np.zeros((3, 3))
    w1[:, 0] = [b, w[0], w[1]]
    return w1, np.array([0.0, 1.0, 0.0, 0.0])


def line_accuracy(w, b, x, y, tol: float = STEP_TOLERANCE) -> float:
    """Accuracy of the classifier 1[w . x + b > tol]."""
    return accuracy(y, step(x @ np.asarray(w) + b, tol))


def logistic_line(x, y, l2: float = 1e-6, iterations: int = 50):
    """Logistic regression by Newton's method (tiny L2 for stability): (w (2,), b)."""
    a = add_intercept(x)
    theta = np.zeros(a.shape[1])
    for _ in range(iterations):
        p = sigmoid(a @ theta)
        grad = a.T @ (p - y) + l2 * theta
        hess = (a * (p * (1 - p))[:, None]).T @ a + l2 * np.eye(a.shape[1])
        theta = theta - np.linalg.solve(hess, grad)
    return theta[1:], float(theta[0])


def best_pair_line(x, y, tol: float = STEP_TOLERANCE):
    """Best line classifier among lines through two data points, both orientations.

    For points in general position a best linear classifier of 2-D data can be moved
    to pass through two data points without changing its other predictions; those two
    are then set right by a tiny shift or rotation. Returns {"w", "b", "accuracy",
    "bound"}: bound = max over pairs of (points correct off the line + points on it)
    / n, an upper bound on any line's accuracy for data in general position.
    """
    n = len(x)
    s = 2.0 * y - 1.0
    best = (-1, 0, 0, 1.0)
    for i in range(n - 1):
        d = x[i + 1 :] - x[i]  # (m, 2)
        normal = np.column_stack([-d[:, 1], d[:, 0]])
        scores = normal @ x.T - (normal @ x[i])[:, None]  # (m, n)
        scale = np.abs(scores).max(axis=1, keepdims=True)
        on = np.abs(scores) <= 1e-12 * np.maximum(scale, 1e-300)
        right = ((np.sign(scores) * s[None, :]) > 0) & ~on
        wrong = ((np.sign(scores) * s[None, :]) < 0) & ~on
        for orientation, good in ((1.0, right), (-1.0, wrong)):
            count = good.sum(axis=1) + on.sum(axis=1)
            k = int(np.argmax(count))
            if count[k] > best[0]:
                best = (int(count[k]), i, i + 1 + k, orientation)
    count, i, j, orientation = best
    candidates = _perturbed_lines(x[i], x[j], orientation, np.ptp(x, axis=0).max())
    accs = [line_accuracy(w, b, x, y, tol) for w, b in candidates]
    k = int(np.argmax(accs))
    w, b = candidates[k]
    return {"w": w.tolist(), "b": float(b), "accuracy": accs[k], "bound": count / n}


def _perturbed_lines(p, q, orientation, spread, delta: float = 1e-6):
    """Lines near the one through p and q that put p and q on either side: [(w, b)] x 4."""
    d = (q - p) / np.linalg.norm(q - p)
    normal = orientation * np.array([-d[1], d[0]])
    mid = (p + q) / 2
    out = []
    for shift in (delta, -delta):
        out.append((normal, -normal @ mid + shift * spread))
    for angle in (delta, -delta):
        c, s = np.cos(angle), np.sin(angle)
        rotated = np.array([c * normal[0] - s * normal[1], s * normal[0] + c * normal[1]])
        out.append((rotated, -rotated @ mid))
    return out


def linear_attempts(x, y, tol: float = STEP_TOLERANCE) -> dict:
    """Evidence for 5(c): LP separability certificate and the best line found by three methods.

    Returns {"certificate": max_margin_line result, "attempts": {method: {w, b, accuracy}},
    "best": method name, "search_bound": upper bound from the pair search}.
    """
    from cs229ps2.problems.separability import max_margin_line  # scipy's LP: only 5(c) needs it

    cert = max_margin_line(x, y)
    w_log, b_log = logistic_line(x, y)
    pair = best_pair_line(x, y, tol)
    attempts = {
        "lp_max_margin": {
            "w": cert["w"],
            "b": cert["b"],
            "accuracy": line_accuracy(cert["w"], cert["b"], x, y, tol),
        },
        "logistic_regression": {
            "w": w_log.tolist(),
            "b": b_log,
            "accuracy": line_accuracy(w_log, b_log, x, y, tol),
        },
        "pair_search": {"w": pair["w"], "b": pair["b"], "accuracy": pair["accuracy"]},
    }
    best = max(attempts, key=lambda k: attempts[k]["accuracy"])
    return {"certificate": cert, "attempts": attempts, "best": best, "search_bound": pair["bound"]}
