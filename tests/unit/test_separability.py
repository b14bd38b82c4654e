"""The LP separability certificate (cs229ps2.separability)."""

import numpy as np
import pytest

from cs229ps2.problems.separability import max_margin_line


def test_two_points_get_the_closed_form_margin():
    """(0, 0) in class 0, (1, 0) in class 1: with |w_j| <= 1 the best is w = (1, *), b = -1/2, t = 1/2."""
    cert = max_margin_line(np.array([[0.0, 0.0], [1.0, 0.0]]), np.array([0, 1]))
    assert cert["separable"]
    assert cert["margin"] == pytest.approx(0.5, abs=1e-9)
    assert cert["w"][0] == pytest.approx(1.0, abs=1e-9) and cert["b"] == pytest.approx(-0.5, abs=1e-9)


def test_non_separable_certificate_is_a_positive_zero():
    """XOR: no line separates it, the best margin is 0, and it is +0.0 (no "-0" in JSON or reports)."""
    x = np.array([[0.0, 0.0], [1.0, 1.0], [0.0, 1.0], [1.0, 0.0]])
    cert = max_margin_line(x, np.array([0, 0, 1, 1]))
    assert not cert["separable"]
    assert cert["margin"] == 0.0 and not np.signbit(cert["margin"])
    assert not np.any(np.signbit([*cert["w"], cert["b"]]))
