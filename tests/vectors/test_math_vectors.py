"""Math vectors (`vectors/math.json`) against the numpy helpers (and the oracle where noted)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from runtime.pallets.subtensor.epoch.math import (
    clip_to_consensus,
    column_consensus,
    ema_with_alpha,
    topk,
    weighted_median_columns,
)
from runtime.pallets.subtensor.epoch.upscale import (
    check_max_limited,
    max_upscale_to_u16,
    u16_max_upscale_to_u16,
)
from runtime.primitives.fixed_array import ONE, div_frac, exp_safe, mul
from tests.oracle.fixed import I32F32_MAX, I32F32_MIN, sigmoid_safe
from tests.shared_vectors import load

SPECIAL = {"I32F32::MAX": I32F32_MAX, "MAX": I32F32_MAX, "I32F32::MIN": I32F32_MIN,
           "MIN": I32F32_MIN}


def fixed(value: object, kind: str = "f32") -> int:
    """A fixture literal as I32F32 bits: f32 (or f64) to the nearest 2^-32, ties to even."""
    if isinstance(value, str):
        return SPECIAL[value]
    if isinstance(value, int) and kind == "int":
        return value << 32
    exact = Fraction(float(np.float32(value))) if kind == "f32" else Fraction(value)
    return round(exact * ONE)


def bits(values: list, kind: str = "f32") -> np.ndarray:
    """An int64 array of fixture literals as bits."""
    return np.array([fixed(v, kind) for v in values], dtype=np.int64)


def cases(vector_id: str) -> list[dict]:
    """The cases of one math.json vector."""
    return next(v for v in load("math")["vectors"] if v["id"] == f"math.{vector_id}")["cases"]


@pytest.mark.parametrize("case", cases("vec_max_upscale_to_u16"))
def test_vec_max_upscale_to_u16_exact(case: dict) -> None:
    """Max-upscaling of I32F32 vectors, rounding to nearest."""
    kind = "int" if "input_note" in case else "f32"
    assert max_upscale_to_u16(bits(case["input"], kind)).tolist() == case["expected"]


@pytest.mark.parametrize("case", cases("vec_u16_max_upscale_to_u16"))
def test_vec_u16_max_upscale_to_u16_exact(case: dict) -> None:
    """Max-upscaling of submitted u16 weights."""
    assert u16_max_upscale_to_u16(np.array(case["input"])).tolist() == case["expected"]


@pytest.mark.parametrize("case", cases("check_vec_max_limited"))
def test_check_vec_max_limited_exact(case: dict) -> None:
    """The max-weight-limit predicate."""
    assert check_max_limited(np.array(case["vector"]), case["max_limit"]) is case["expected"]


@pytest.mark.parametrize("case", cases("is_topk"))
def test_is_topk_exact(case: dict) -> None:
    """Top-k with a stable ascending sort; the non-zero variant additionally drops zeros."""
    values = bits(case["vector"])
    assert topk(values, case["k"], nonzero=False).tolist() == case["expected"]
    expected_nonzero = [e and v != 0 for e, v in zip(case["expected"], values, strict=True)]
    assert topk(values, case["k"]).tolist() == expected_nonzero


def _median_stake(stake: object) -> np.ndarray:
    if isinstance(stake, str):
        return np.array([ONE], dtype=np.int64)
    return bits(stake)


@pytest.mark.parametrize("case", cases("weighted_median"))
def test_weighted_median_exact(case: dict) -> None:
    """Scalar weighted median with minority = 1 - majority over all indices."""
    stake = _median_stake(case["stake"])
    scores_t = bits(case["score"]).reshape(1, -1)
    minority = ONE - fixed(case["majority"])
    got = weighted_median_columns(stake, scores_t, minority)
    expected = fixed(case["expected"]) if len(stake) else 0
    assert got.tolist() == ([expected] if len(stake) else [0])


@pytest.mark.parametrize("case", cases("weighted_median_col"))
def test_weighted_median_col_exact(case: dict) -> None:
    """Column consensus: positive-stake rows, re-normalised, minority = sum - majority."""
    stake = bits(case["stake"])
    weights = np.array([[fixed(v) for v in row] for row in case["weights"]], dtype=np.int64)
    index_of_row = np.arange(len(stake), dtype=np.int64)
    got = column_consensus(stake, weights, index_of_row, fixed(case["majority"]))
    assert got.tolist() == bits(case["expected"]).tolist()


@pytest.mark.parametrize("case", cases("col_clip_sparse"))
def test_col_clip_sparse_exact(case: dict) -> None:
    """Clipping to consensus; dropped entries (consensus 0) read as 0 in the dense display."""
    matrix = np.array(case["matrix"], dtype=np.int64) << 32
    clipped, present = clip_to_consensus(matrix, matrix > 0,
                                         np.array(case["consensus"], dtype=np.int64) << 32)
    assert (clipped >> 32).tolist() == case["expected"]
    assert not np.any(present & (clipped == 0))


@pytest.mark.parametrize("case", cases("sigmoid_safe_exp"))
def test_sigmoid_safe_oracle_bit_exact(case: dict) -> None:
    """The oracle's exp (the model the numpy exp is property-tested against) is bit-exact."""
    rho, kappa = fixed(case["rho"], "f64"), fixed(case["kappa"], "f64")
    for x, expected in zip(case["input"], case["expected"], strict=True):
        assert sigmoid_safe(fixed(x, case["input_type"]), rho, kappa) == fixed(expected, "f64")


@pytest.mark.parametrize("case", [c for c in cases("sigmoid_safe_exp")
                                  if not isinstance(c["rho"], str)])
def test_sigmoid_safe_numpy_exp_bit_exact(case: dict) -> None:
    """The numpy exp_safe through the same sigmoid, on the finite (non-saturating) inputs."""
    rho, kappa = fixed(case["rho"], "f64"), fixed(case["kappa"], "f64")
    pairs = [(fixed(x, case["input_type"]), fixed(e, "f64"))
             for x, e in zip(case["input"], case["expected"], strict=True)
             if not isinstance(x, str)]
    xs = np.array([p[0] for p in pairs], dtype=np.int64)
    exponent = mul(np.int64(-rho), xs - kappa)
    sigmoid = div_frac(ONE, exp_safe(exponent) + ONE)
    assert sigmoid.tolist() == [p[1] for p in pairs]


def _matrix(rows: list[list[float]]) -> np.ndarray:
    return np.array([[fixed(v) for v in row] for row in rows], dtype=np.int64)


def within(got: np.ndarray, expected: list[list[float]], epsilon: float) -> bool:
    """The reference's fixed-point comparison: |got - from_num(expected)| <= from_num(eps)."""
    return bool(np.all(np.abs(got - _matrix(expected)) <= fixed(epsilon)))


@pytest.mark.parametrize("case", cases("mat_ema_alpha_dense"))
def test_mat_ema_alpha_dense_within_tolerance(case: dict) -> None:
    """Dense per-entry EMA with a constant alpha matrix (the test's tolerance, 1e-4)."""
    new, old = _matrix(case["new"]), _matrix(case["old"])
    alpha = np.full(new.shape, fixed(case["alpha"]), dtype=np.int64)
    got, _ = ema_with_alpha(new, old, alpha)
    assert within(got, case["expected"], 1e-4)


@pytest.mark.parametrize("case", cases("mat_ema_alpha_sparse"))
def test_mat_ema_alpha_sparse_within_tolerance(case: dict) -> None:
    """Sparse EMA: only entries of `new` are produced; an old bond absent from `new` is deleted."""
    new, old = _matrix(case["new"]), _matrix(case["old"])
    alpha = np.full(new.shape, fixed(0.1), dtype=np.int64)
    got, present = ema_with_alpha(new, old, alpha, new > 0, old > 0)
    last = case is cases("mat_ema_alpha_sparse")[-1]
    assert within(got, case["expected"], 1e-1 if last else 1e-4)
    assert not np.any(present & ~(new > 0))
