"""Batch normalisation of problem 6: forward pass and every gradient of (a)-(d)."""

import numpy as np
import pytest

from cs229ps2.problems.batchnorm import batchnorm as bn
from cs229ps2.problems.gradcheck import numerical_gradient, relative_error


def test_forward_normalises_each_feature():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(6, 3)) * [1.0, 5.0, 0.1] + [2.0, -1.0, 7.0]
    gamma, beta = np.array([1.5, -0.5, 2.0]), np.array([0.1, 0.2, -0.3])
    y, cache = bn.forward(x, gamma, beta)
    np.testing.assert_allclose(cache["xhat"].mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(cache["xhat"].var(axis=0), 1, rtol=1e-12)  # biased variance, as (8)
    np.testing.assert_allclose(y.mean(axis=0), beta, atol=1e-12)
    np.testing.assert_allclose(y.std(axis=0), np.abs(gamma), rtol=1e-12)


@pytest.mark.parametrize("shape", [(3, 1), (3, 2), (4, 3)])
def test_every_gradient_matches_finite_differences_on_tiny_batches(shape):
    rng = np.random.default_rng(sum(shape))
    errors = bn.check_gradients(bn.random_batch(rng, *shape))
    assert len(errors) == 8
    for name, err in errors.items():
        assert err < 1e-6, name


def test_gradients_match_torch_autograd():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(5)
    p = bn.random_batch(rng, 5, 3)
    x = torch.tensor(p["x"], requires_grad=True)
    gamma = torch.tensor(p["gamma"], requires_grad=True)
    beta = torch.tensor(p["beta"], requires_grad=True)
    y = torch.nn.functional.batch_norm(x, None, None, gamma, beta, training=True, eps=1e-30)
    (torch.tensor(p["weights"]) * torch.sin(y)).sum().backward()
    out, cache = bn.forward(p["x"], p["gamma"], p["beta"])
    np.testing.assert_allclose(out, y.detach().numpy(), atol=1e-12)
    grads = bn.backward(bn.probe_loss_grad(out, p["weights"]), cache)
    np.testing.assert_allclose(grads["x"], x.grad.numpy(), atol=1e-10)
    np.testing.assert_allclose(grads["gamma"], gamma.grad.numpy(), atol=1e-10)
    np.testing.assert_allclose(grads["beta"], beta.grad.numpy(), atol=1e-10)


def test_mu_gradient_of_c_equals_the_full_chain_rule():
    rng = np.random.default_rng(6)
    p = bn.random_batch(rng, 4, 2)
    y, cache = bn.forward(p["x"], p["gamma"], p["beta"])
    dy = bn.probe_loss_grad(y, p["weights"])
    assert relative_error(bn.backward(dy, cache)["mu"], bn.grad_mu_chain(dy, cache)) < 1e-12


def test_batch_of_two_has_zero_input_gradient():
    """With m = 2, xhat is +-1 whatever x is, so dL/dx = 0."""
    rng = np.random.default_rng(7)
    p = bn.random_batch(rng, 2, 3)
    y, cache = bn.forward(p["x"], p["gamma"], p["beta"])
    analytic = bn.backward(bn.probe_loss_grad(y, p["weights"]), cache)["x"]
    numeric = numerical_gradient(
        lambda xx: bn.probe_loss(bn.forward(xx, p["gamma"], p["beta"])[0], p["weights"]), p["x"]
    )
    assert np.abs(analytic).max() < 1e-12
    assert np.abs(numeric).max() < 1e-8


def test_check_many_is_seeded():
    a = bn.check_many(3, [(3, 2), (4, 1)], trials=2)
    b = bn.check_many(3, [(3, 2), (4, 1)], trials=2)
    assert a == b
    assert {(r["m"], r["d"]) for r in a} == {(3, 2), (4, 1)}
