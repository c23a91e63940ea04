"""Shared vectors that exercise scalar fixed-point behaviour.

* math.json ``math.sigmoid_safe_exp``: the epoch's sigmoid_safe (and so exp_safe / exp), bitwise.
* emission.json ``emission.block_emission_vs_issuance``: block emission through I96F32 log2,
  with a small helper that applies the halving formula of spec/subtensor.md §2 (the pallet's own
  emission code is built elsewhere; this helper only drives log2 the way the reference does).
"""

from __future__ import annotations

from typing import Any

import pytest

from runtime.primitives.fixed import I32F32, I96F32, log2, sigmoid_safe
from tests.shared_vectors import load

TOTAL_SUPPLY_RAO = 21_000_000 * 10**9
DEFAULT_BLOCK_EMISSION_RAO = 10**9


def _vector(area: str, vector_id: str) -> dict[str, Any]:
    matches = [v for v in load(area)["vectors"] if v["id"] == vector_id]
    assert len(matches) == 1, f"{area}.json has {len(matches)} vectors with id {vector_id}"
    return matches[0]


def _fixture(raw: object, input_type: str) -> I32F32:
    """A fixture literal converted like the Rust test converts it."""
    if raw in ("MIN", "I32F32::MIN"):
        return I32F32.MIN
    if raw in ("MAX", "I32F32::MAX"):
        return I32F32.MAX
    if isinstance(raw, int):
        return I32F32.from_num(raw)
    assert isinstance(raw, float), f"unexpected fixture literal {raw!r}"
    return I32F32.from_f32(raw) if input_type == "f32" else I32F32.from_f64(raw)


def _sigmoid_cases() -> list[tuple[Any, Any, str, Any, float]]:
    cases = []
    for case in _vector("math", "math.sigmoid_safe_exp")["cases"]:
        for raw_input, expected in zip(case["input"], case["expected"], strict=True):
            cases.append((case["rho"], case["kappa"], case["input_type"], raw_input, expected))
    return cases


@pytest.mark.parametrize(("rho", "kappa", "input_type", "raw_input", "expected"), _sigmoid_cases())
def test_sigmoid_safe_vector_matches_bitwise(rho: Any, kappa: Any, input_type: str,
                                             raw_input: Any, expected: float) -> None:
    # rho and kappa are built with from_num on an unsuffixed literal (f64) in the Rust test.
    result = sigmoid_safe(_fixture(raw_input, input_type), _fixture(rho, "f64"),
                          _fixture(kappa, "f64"))
    assert result == I32F32.from_f64(float(expected)), (result, expected)


def block_emission_for_issuance(issuance: int) -> int:
    """Block emission in rao for a TotalIssuance, following spec §2 step by step in I96F32."""
    one = I96F32.saturating_from_f64(1.0)
    total = I96F32.saturating_from_num(issuance)
    if total >= I96F32.saturating_from_num(TOTAL_SUPPLY_RAO):
        return 0
    two_halves = I96F32.saturating_from_f64(2.0).saturating_mul(
        I96F32.saturating_from_f64(10_500_000_000_000_000.0))
    fraction_issued = total.checked_div(two_halves)
    remaining = one.checked_sub(fraction_issued) if fraction_issued is not None else None
    ratio = one.checked_div(remaining) if remaining is not None else None
    if ratio is None:
        raise ArithmeticError(f"block emission undefined for issuance {issuance}")
    halvings = log2(ratio).floor().saturating_to_u64()
    multiplier = one
    for _ in range(halvings):
        multiplier = multiplier.saturating_mul(I96F32.from_num(2))
    percentage = one.safe_div(multiplier)
    return percentage.saturating_mul(
        I96F32.saturating_from_num(DEFAULT_BLOCK_EMISSION_RAO)).saturating_to_u64()


@pytest.mark.parametrize(
    "case", _vector("emission", "emission.block_emission_vs_issuance")["cases"],
    ids=lambda c: str(c["total_issuance_rao"]))
def test_block_emission_vector_matches(case: dict[str, int]) -> None:
    assert block_emission_for_issuance(case["total_issuance_rao"]) == case["block_emission_rao"]


@pytest.mark.parametrize("halving", [1, 2, 3, 4, 5])
def test_block_emission_halves_exactly_at_threshold(halving: int) -> None:
    # spec §2: the k-th halving happens exactly at 21M × (1 − 2^-k) TAO, at rao resolution.
    threshold = TOTAL_SUPPLY_RAO - (TOTAL_SUPPLY_RAO >> halving)
    assert block_emission_for_issuance(threshold) == DEFAULT_BLOCK_EMISSION_RAO >> halving
    assert block_emission_for_issuance(threshold - 1) == DEFAULT_BLOCK_EMISSION_RAO >> (halving - 1)
