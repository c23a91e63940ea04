"""Share pools with SafeFloat shares (§4.4): reference unit cases and conservation properties."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runtime.pallets.subtensor.share_pool import (
    ZERO,
    SafeFloat,
    can_update_value_for_one,
    shares_for_update,
    update_value_for_all,
    update_value_for_one,
    value_of_shares,
)
from runtime.primitives.fixed import U64F64

U64_MAX = (1 << 64) - 1


def _exact(value: SafeFloat) -> Fraction:
    return value.mantissa * Fraction(10) ** value.exponent


class Pool:
    """A tiny in-test pool driving the pure functions like the pallet's storage would."""

    def __init__(self) -> None:
        self.value = 0
        self.denominator = ZERO
        self.shares: dict[int, SafeFloat] = {}

    def update(self, key: int, amount: int) -> None:
        share = self.shares.get(key, ZERO)
        self.value, self.denominator, self.shares[key] = update_value_for_one(
            self.value, self.denominator, share, amount)

    def get(self, key: int) -> int:
        return value_of_shares(self.value, self.shares.get(key, ZERO), self.denominator)


@pytest.mark.parametrize(("mantissa", "exponent", "expected"), [
    (1, 0, (10**21, -21)), (0, 0, (0, 0)), (10, 0, (10**21, -20)), (1000, 0, (10**21, -18)),
    (10**20, 0, (10**21, -1)), (10**21, 0, (10**21, 0))])
def test_normalize_reference_cases(mantissa: int, exponent: int,
                                   expected: tuple[int, int]) -> None:
    value = SafeFloat.new(mantissa, exponent)
    assert value is not None
    assert (value.mantissa, value.exponent) == expected
    assert SafeFloat.decode(value.encode()) == value


def test_reference_pool_cases() -> None:
    assert value_of_shares(100, SafeFloat.from_u64(3), SafeFloat.from_u64(10)) == 30
    assert value_of_shares(100, SafeFloat.from_u64(7), SafeFloat.from_u64(10)) == 70
    assert value_of_shares(100, SafeFloat.from_u64(7), ZERO) == 0
    pool = Pool()
    pool.update(1, 1000)
    assert pool.get(1) == 1000
    pool.update(1, -990)
    pool.update(2, 1000)
    pool.update(2, -990)
    assert (pool.get(1), pool.get(2)) == (10, 10)
    one_plus_one = SafeFloat.from_u64(1).add(SafeFloat.from_u64(1))
    assert one_plus_one == SafeFloat(200_000_000_000_000_000_000, -20)
    assert SafeFloat.from_u64(1).div(ZERO) is None
    assert ZERO.sub(SafeFloat.from_u64(1)) is None
    assert update_value_for_all(U64_MAX - 1, 5) == U64_MAX
    big = value_of_shares(U64_MAX, SafeFloat.from_u64(3), SafeFloat.from_u64(10)) + \
        value_of_shares(U64_MAX, SafeFloat.from_u64(7), SafeFloat.from_u64(10))
    assert U64_MAX - big <= 5


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=(1 << 128) - 1))
def test_from_u64f64_is_close(bits: int) -> None:
    value = U64F64.from_bits(bits)
    converted = SafeFloat.from_u64f64(value)
    exact = value.to_fraction()
    assert _exact(converted) <= exact
    assert exact - _exact(converted) <= exact / 10**19 + Fraction(1, 10**20)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=U64_MAX), st.integers(min_value=1, max_value=10**21),
       st.integers(min_value=-30, max_value=30), st.integers(min_value=1, max_value=10**21),
       st.integers(min_value=-30, max_value=30))
def test_value_of_shares_is_floor_or_one_below(shared: int, sm: int, se: int, dm: int,
                                               de: int) -> None:
    share, denominator = SafeFloat.new(sm, se), SafeFloat.new(dm, de)
    assert share is not None and denominator is not None
    got = value_of_shares(shared, share, denominator)
    exact = min(int(shared * _exact(share) / _exact(denominator)), U64_MAX)
    assert exact - 1 <= got <= exact


stakes = st.lists(st.tuples(st.integers(0, 4), st.integers(-10**12, 10**12),
                            st.booleans()), min_size=1, max_size=40)


@settings(max_examples=150, deadline=None)
@given(stakes)
def test_pool_conserves_value(operations: list[tuple[int, int, bool]]) -> None:
    """Members never hold more than the pool; rounding loses at most one unit per member."""
    pool = Pool()
    for key, amount, for_all in operations:
        if for_all:  # dividends go to existing members (an empty pool's value is unowned)
            if pool.denominator.is_zero():
                continue
            pool.value = update_value_for_all(pool.value, abs(amount) // 1000)
            continue
        if amount < 0:
            amount = -min(-amount, pool.get(key))
        if amount > 0 and not can_update_value_for_one(pool.value, pool.denominator, amount):
            continue
        pool.update(key, amount)
        held = [pool.get(k) for k in range(5)]
        assert sum(held) <= pool.value
        assert pool.value - sum(held) <= 5 + pool.value // 10**15


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 10**15), st.integers(1, 10**15), st.integers(0, 10**12))
def test_stake_then_unstake_never_profits(first: int, second: int, dividend: int) -> None:
    pool = Pool()
    pool.update(1, first)
    pool.value = update_value_for_all(pool.value, dividend)
    pool.update(2, second)
    worth = pool.get(2)
    assert worth <= second
    pool.update(2, -worth)
    assert pool.get(2) <= 1
    assert pool.get(1) <= first + dividend


def test_precision_guard_refuses_zero_share_stakes() -> None:
    denominator = SafeFloat.from_u64(1)
    assert shares_for_update(1, 10**18, ZERO).is_zero()
    assert can_update_value_for_one(10**18, denominator, 1)
    assert can_update_value_for_one(0, ZERO, 5)
