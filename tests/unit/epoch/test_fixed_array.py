"""The numpy fixed-point helpers equal the scalar oracle on random operands (hypothesis)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from runtime.primitives.fixed_array import (
    ONE,
    div_frac,
    exp_safe,
    from_u16_proportion,
    mul,
    normalize_u64_to_i32f32,
    share_of_amount,
    to_u16_proportion,
)
from tests.oracle import fixed as oracle

I64 = st.integers(min_value=-(2**62), max_value=2**62)
NONNEG = st.integers(min_value=0, max_value=2**62)
PROPORTION = st.integers(min_value=0, max_value=ONE)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(-(2**40), 2**40), st.integers(-(2**40), 2**40)),
                min_size=1, max_size=20))
def test_mul_equals_oracle_floor_product(pairs: list[tuple[int, int]]) -> None:
    """Products wider than 64 bits are split and recombined exactly (floor)."""
    a = np.array([p[0] for p in pairs], dtype=np.int64)
    b = np.array([p[1] for p in pairs], dtype=np.int64)
    expected = [(x * y) >> 32 for x, y in pairs]
    if all(abs(e) < 2**63 for e in expected):
        assert mul(a, b).tolist() == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(NONNEG, st.integers(0, 2**62)), min_size=1, max_size=20))
def test_div_frac_equals_oracle_safe_div(pairs: list[tuple[int, int]]) -> None:
    """safe_div: floor quotient, 0 on a zero divisor or an overflowing quotient."""
    a = np.array([p[0] for p in pairs], dtype=np.int64)
    b = np.array([p[1] for p in pairs], dtype=np.int64)
    assert div_frac(a, b).tolist() == [oracle.safe_div(x, y) for x, y in pairs]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 2**58), min_size=1, max_size=30))
def test_stake_normalisation_equals_i64f64_then_truncation(stake: list[int]) -> None:
    """floor(floor(v 2^64 / S) / 2^32) for u64 stakes, without 128-bit integers."""
    total = sum(stake)
    expected = [((v << 64) // total) >> 32 if total else 0 for v in stake]
    assert normalize_u64_to_i32f32(np.array(stake, dtype=np.uint64)).tolist() == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(-(25 * ONE), 25 * ONE), min_size=1, max_size=20))
def test_exp_safe_equals_oracle(xs: list[int]) -> None:
    """The vectorised 30-term series equals substrate-fixed's exp bit for bit."""
    got = exp_safe(np.array(xs, dtype=np.int64)).tolist()
    assert got == [oracle.exp_safe(x) for x in xs]


def test_exp_safe_special_points_exact() -> None:
    """exp(0) = 1, exp(1) = e truncated to 23 fractional bits, clamped beyond +-20."""
    got = exp_safe(np.array([0, ONE, 30 * ONE, -30 * ONE], dtype=np.int64)).tolist()
    assert got[0] == ONE
    assert got[1] == 22802601 << 9
    assert got[2] == oracle.exp_safe(20 * ONE)
    assert got[3] == oracle.exp_safe(-20 * ONE)


@settings(max_examples=300, deadline=None)
@given(st.lists(PROPORTION, min_size=1, max_size=20), st.integers(0, 2**64 - 1))
def test_share_of_amount_equals_i96f32_floor(shares: list[int], amount: int) -> None:
    """Emission: floor(share * amount) in I96F32, within u64."""
    got = share_of_amount(np.array(shares, dtype=np.int64), amount).tolist()
    assert got == [(s * amount) >> 32 for s in shares]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-ONE, 3 * ONE), min_size=1, max_size=20))
def test_u16_proportion_conversions_equal_oracle(xs: list[int]) -> None:
    """fixed_proportion_to_u16 saturates to [0, 65535]; u16/65535 floors."""
    arr = np.array(xs, dtype=np.int64)
    assert to_u16_proportion(arr).tolist() == [oracle.to_u16_prop(x) for x in xs]
    u = [x % 65536 for x in xs]
    assert from_u16_proportion(np.array(u)).tolist() == [oracle.from_u16_prop(v) for v in u]


def test_known_roundings_exact() -> None:
    """Spec §1.13: 0.25 -> 16383, 0.75 -> 49151; 1/10 of 1e9 rao -> 99 999 999."""
    assert to_u16_proportion(np.array([ONE // 4, 3 * ONE // 4])).tolist() == [16383, 49151]
    tenth = normalize_u64_to_i32f32(np.array([1] * 10, dtype=np.uint64))
    assert share_of_amount(tenth, 10**9).tolist() == [99_999_999] * 10


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([2**20, 2**31, ONE, 2**40]))
def test_div_frac_large_arrays_equal_oracle(seed: int, top: int) -> None:
    """Arrays past the unsigned-division threshold, including numerators of exactly 1.0."""
    rng = np.random.default_rng(seed)
    a = rng.integers(0, top + 1, size=(70, 80), dtype=np.int64)
    a[rng.random(a.shape) < 0.1] = min(top, ONE)
    den = rng.integers(1, 2**44, size=(1, 80), dtype=np.int64)
    den[0, :3] = [3, ONE, 5]
    got = div_frac(a, den)
    expected = [[oracle.safe_div(int(x), int(d)) for x, d in zip(row, den[0], strict=True)]
                for row in a]
    assert got.tolist() == expected
