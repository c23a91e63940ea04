"""Swap pool properties against slow Fraction restatements (spec §4.2)."""

from __future__ import annotations

from fractions import Fraction
from math import gcd

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from runtime.pallets.swap_math import (
    ACCURACY,
    MAX_PRICE_RAO,
    MIN_PRICE_RAO,
    PoolState,
    PriceLimitExceeded,
    ReservesTooLow,
    SwapInputTooLarge,
    adjust_protocol_liquidity,
    apply_buy,
    apply_sell,
    current_price,
    fee_amount,
    grossed_up_fee,
    limit_price_from_rao,
    max_amount_add,
    max_amount_remove,
    stable_max_amount,
    swap_alpha_for_tao,
    swap_tao_for_alpha,
)
from runtime.primitives.fixed import U64F64

ONE64 = 1 << 64
NO_BUY_LIMIT = limit_price_from_rao(MAX_PRICE_RAO)
NO_SELL_LIMIT = limit_price_from_rao(MIN_PRICE_RAO)

reserves = st.integers(min_value=10**6, max_value=10**16)
percent_weights = st.integers(min_value=1, max_value=99).map(lambda p: p * 10**16)
fee_rates = st.integers(min_value=0, max_value=10_000)


def _fraction_fee(amount: int, rate: int) -> int:
    rate_bits = (rate * ONE64) // 65535
    return amount * rate_bits // ONE64


def _fraction_alpha_out(pool: PoolState, tao_in: int) -> int:
    """floor(x·(1 − e)) with e the largest 1e-18 grid value ≤ (y/(y+Δ))^(w2/w1), then 2^-64."""
    w2, w1 = pool.quote_weight, ACCURACY - pool.quote_weight
    g = gcd(w2, w1)
    a, b = w2 // g, w1 // g
    ratio = Fraction(pool.tao_reserve, pool.tao_reserve + tao_in) ** a
    low, high = 0, ACCURACY
    while low < high:  # largest r with (r/1e18)^b <= ratio
        mid = (low + high + 1) // 2
        if Fraction(mid, ACCURACY) ** b <= ratio:
            low = mid
        else:
            high = mid - 1
    e_bits = min(low * ONE64 // ACCURACY, ONE64)
    return pool.alpha_reserve * (ONE64 - e_bits) // ONE64


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=(1 << 64) - 1), fee_rates)
def test_fees_match_restatement_and_are_never_negative(amount: int, rate: int) -> None:
    fee = fee_amount(amount, rate)
    assert 0 <= fee <= amount
    assert fee == _fraction_fee(amount, rate)
    assert fee_amount(amount, rate, drop_fees=True) == 0
    gross = grossed_up_fee(amount, rate)
    assert gross == amount * ((rate * ONE64) // (65535 - rate)) // ONE64 >= 0


@settings(max_examples=60, deadline=None)
@given(reserves, reserves, percent_weights, st.integers(min_value=1, max_value=10**13))
def test_buy_matches_fraction_restatement(tao: int, alpha: int, w2: int, amount: int) -> None:
    pool = PoolState(tao, alpha, w2)
    assume(amount <= tao * 1000)
    try:
        result = swap_tao_for_alpha(pool, amount, U64F64.MAX, simulate=True)
    except ReservesTooLow:
        assume(False)
        return
    assert result.fee_paid == _fraction_fee(amount, pool.fee_rate)
    assert result.amount_paid_in == amount - result.fee_paid
    assert result.amount_paid_out == _fraction_alpha_out(pool, result.amount_paid_in)


def _invariant_not_decreased(before: PoolState, after: PoolState) -> bool:
    """x'^w1·y'^w2 ≥ x^w1·y^w2 up to one unit of the paid-out reserve, compared exactly.

    The reference floors the power at 1e-18 before subtracting it from 1, which can round a
    payout up by less than one unit (seen with w2 = 0.01); one unit of slack covers that.
    """
    w2, w1 = before.quote_weight, ACCURACY - before.quote_weight
    g = gcd(w1, w2)
    slack_alpha = 1 if after.alpha_reserve < before.alpha_reserve else 0
    slack_tao = 1 - slack_alpha
    lhs = Fraction(after.alpha_reserve + slack_alpha, before.alpha_reserve) ** (w1 // g)
    return lhs * Fraction(after.tao_reserve + slack_tao, before.tao_reserve) ** (w2 // g) >= 1


@settings(max_examples=60, deadline=None)
@given(reserves, reserves, percent_weights, fee_rates,
       st.integers(min_value=1, max_value=10**13))
def test_buy_then_sell_never_creates_value(tao: int, alpha: int, w2: int, rate: int,
                                           amount: int) -> None:
    pool = PoolState(tao, alpha, w2, rate)
    assume(amount <= tao * 1000)
    try:
        bought = swap_tao_for_alpha(pool, amount, NO_BUY_LIMIT)
        middle = apply_buy(pool, bought)
        sold = swap_alpha_for_tao(middle, bought.amount_paid_out, NO_SELL_LIMIT)
    except (ReservesTooLow, PriceLimitExceeded, SwapInputTooLarge):
        return
    after = apply_sell(middle, sold)
    assert sold.amount_paid_out <= amount
    assert _invariant_not_decreased(pool, middle)
    assert _invariant_not_decreased(middle, after)
    assert after.tao_reserve + sold.amount_paid_out + bought.fee_paid <= tao + amount


@settings(max_examples=40, deadline=None)
@given(reserves, reserves, st.integers(min_value=10**16, max_value=99 * 10**16),
       st.integers(min_value=1, max_value=10**12))
def test_sell_never_breaks_invariant_with_any_weight(tao: int, alpha: int, w2: int,
                                                     amount: int) -> None:
    pool = PoolState(tao, alpha, w2)
    assume(amount <= alpha * 1000)
    try:
        sold = swap_alpha_for_tao(pool, amount, NO_SELL_LIMIT)
    except (ReservesTooLow, PriceLimitExceeded):
        return
    assert sold.amount_paid_out < tao
    w1 = ACCURACY - w2
    ratio = Fraction(alpha, alpha + sold.amount_paid_in)
    assert Fraction(sold.amount_paid_out, tao) <= 1 - ratio ** Fraction(w1, w2).limit_denominator(
        10**6) + Fraction(1, 10**6)


@settings(max_examples=40, deadline=None)
@given(reserves, reserves, percent_weights, st.integers(min_value=10**6, max_value=10**15),
       st.integers(min_value=1, max_value=200))
def test_limit_buy_stops_at_the_limit(tao: int, alpha: int, w2: int, amount: int,
                                      pct: int) -> None:
    pool = PoolState(tao, alpha, w2)
    assume(amount <= tao * 1000)
    start = current_price(pool)
    limit = U64F64.from_bits(start.bits + start.bits * pct // 1000 + 1)
    try:
        result = swap_tao_for_alpha(pool, amount, limit, simulate=True)
    except ReservesTooLow:  # the limit leaves room for less than one unit of alpha
        return
    if result.amount_paid_out > alpha:
        return
    end = current_price(apply_buy(pool, result))
    assert end.to_fraction() <= limit.to_fraction() * (1 + Fraction(1, 10**6))
    assert result.fee_paid >= 0


@settings(max_examples=60, deadline=None)
@given(reserves, reserves, st.integers(min_value=10**16, max_value=99 * 10**16),
       st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=10**9))
def test_injection_keeps_the_price(tao: int, alpha: int, w2: int, d_tao: int,
                                   d_alpha: int) -> None:
    pool = PoolState(tao, alpha, w2)
    adjusted, got_tao, got_alpha = adjust_protocol_liquidity(pool, d_tao, d_alpha)
    if (got_tao, got_alpha) != (d_tao, d_alpha):  # refused: weight would leave [0.01, 0.99]
        assert (adjusted, got_tao, got_alpha) == (pool, 0, 0)
        return
    after = PoolState(tao + d_tao, alpha + d_alpha, adjusted.quote_weight)
    before_price = Fraction(ACCURACY - w2, w2) * Fraction(tao, alpha)
    after_price = Fraction(ACCURACY - after.quote_weight, after.quote_weight) * Fraction(
        after.tao_reserve, after.alpha_reserve)
    assert abs(after_price / before_price - 1) < Fraction(1, 10**9)


def test_errors_follow_the_reference_order() -> None:
    pool = PoolState(10**9, 4 * 10**9)
    with pytest.raises(SwapInputTooLarge):
        swap_tao_for_alpha(pool, 2 * 10**12 + 10**10, NO_BUY_LIMIT)
    with pytest.raises(ReservesTooLow):
        swap_tao_for_alpha(PoolState(10**9, 999_999), 1000, NO_BUY_LIMIT)
    with pytest.raises(PriceLimitExceeded):
        swap_tao_for_alpha(pool, 1000, current_price(pool))
    with pytest.raises(PriceLimitExceeded):
        swap_alpha_for_tao(pool, 1000, current_price(pool))
    with pytest.raises(ReservesTooLow):
        swap_tao_for_alpha(PoolState(4 * 10**9, 10**9), 1, NO_BUY_LIMIT)


def test_max_amounts_respect_the_limit() -> None:
    pool = PoolState(10**12, 4 * 10**12)
    price_rao = current_price(pool).bits * 10**9 >> 64
    assert price_rao == 250_000_000
    limit = 300_000_000
    most = max_amount_add(pool, limit)
    assert 0 < most < pool.tao_reserve * 1000
    bought = swap_tao_for_alpha(pool, most, limit_price_from_rao(limit))
    after = current_price(apply_buy(pool, bought)).to_fraction()
    assert after <= Fraction(limit, 10**9) * (1 + Fraction(1, 10**9))
    with pytest.raises(PriceLimitExceeded):
        max_amount_add(pool, 200_000_000)
    least = max_amount_remove(pool, 200_000_000)
    sold = swap_alpha_for_tao(pool, least, limit_price_from_rao(200_000_000))
    after_sell = current_price(apply_sell(pool, sold)).to_fraction()
    assert after_sell >= Fraction(2, 10) * (1 - Fraction(1, 10**9))
    assert stable_max_amount(10**9, adding=True) == (1 << 64) - 1
    assert stable_max_amount(10**9 - 1, adding=True) == 0
    assert stable_max_amount(10**9 + 1, adding=False) == 0
