"""Block emission and burn price against exact integer / Fraction restatements (§2, §5.2)."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from runtime.pallets.subtensor.coinbase import (
    DEFAULT_BURN_INCREASE_MULT,
    TOTAL_SUPPLY,
    block_emission_for_issuance,
    bumped_burn,
    decay_factor_q32,
    decayed_burn,
    mintable_amount,
    pow_q32,
)
from runtime.primitives.fixed import U64F64

U64_MAX = (1 << 64) - 1


def _halvings(issuance: int) -> int:
    """floor(log2(1 / (1 − I/21e15))) exactly: the largest k with 2^k·(21e15 − I) ≤ 21e15."""
    k = 0
    while (TOTAL_SUPPLY - issuance) << (k + 1) <= TOTAL_SUPPLY:
        k += 1
    return k


def _threshold(k: int) -> int:
    """The issuance at which the k-th halving starts: 21e15 × (1 − 2^-k)."""
    return TOTAL_SUPPLY - (TOTAL_SUPPLY >> k)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=TOTAL_SUPPLY - 1))
def test_emission_halves_at_exact_thresholds(issuance: int) -> None:
    """Away from the halving points (where I96F32 rounding decides) the schedule is exact."""
    k = _halvings(issuance)
    near = any(abs(issuance - _threshold(j)) < 10**7 for j in range(1, 40))
    if not near:
        assert block_emission_for_issuance(issuance) == 10**9 >> k


def test_first_five_halvings_at_rao_resolution() -> None:
    for k in range(1, 6):
        assert block_emission_for_issuance(_threshold(k) - 1) == 10**9 >> (k - 1)
        assert block_emission_for_issuance(_threshold(k)) == 10**9 >> k


def test_cap_and_mint_limit() -> None:
    assert block_emission_for_issuance(TOTAL_SUPPLY + 5) == 0
    assert block_emission_for_issuance(U64_MAX) == 0
    assert mintable_amount(10**9, TOTAL_SUPPLY - 10) == 10
    assert mintable_amount(10**9, TOTAL_SUPPLY + 10) == 0


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1, max_value=36_100))
def test_decay_factor_is_the_largest_q32_half_life_root(half_life: int) -> None:
    factor = decay_factor_q32(half_life)
    assert pow_q32(factor, half_life) <= 1 << 31 < pow_q32(factor + 1, half_life)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=U64_MAX), st.integers(min_value=0, max_value=36_100),
       st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=U64_MAX),
       st.integers(min_value=0, max_value=3))
def test_decay_matches_restatement(burn: int, half_life: int, lo: int, hi: int,
                                   block: int) -> None:
    expected = burn
    if half_life and block > 1:
        expected = min(burn * decay_factor_q32(half_life) >> 32, U64_MAX)
    expected = min(max(expected, lo), hi)
    assert decayed_burn(burn, half_life, lo, hi, block) == expected
    assert decayed_burn(burn, half_life, 0, U64_MAX, block) <= burn


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=U64_MAX), st.integers(min_value=0, max_value=1 << 70))
def test_bump_matches_restatement(burn: int, mult_bits: int) -> None:
    mult = U64F64.from_bits(mult_bits)
    factor = max(mult.to_fraction(), Fraction(1))
    expected = min(int(burn * factor), U64_MAX)
    assert bumped_burn(burn, mult, 0, U64_MAX) == expected >= min(burn, U64_MAX)


def test_default_bump_is_1_26() -> None:
    assert U64F64.from_f64(1.26) == DEFAULT_BURN_INCREASE_MULT
    assert bumped_burn(10**9, DEFAULT_BURN_INCREASE_MULT, 500_000, 10**11) == 1_260_000_000
    assert bumped_burn(10**11, DEFAULT_BURN_INCREASE_MULT, 500_000, 10**11) == 10**11
