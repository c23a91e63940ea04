"""Weighted (Balancer) pool arithmetic of the swap pallet on plain integers.

Reference: ``pallets/swap/src/pallet/balancer.rs`` and ``impls.rs`` (``current_price``,
``maybe_initialize_palswap``, ``adjust_protocol_liquidity``); spec/subtensor.md §4.2.

Notation: x = alpha reserve (base), y = TAO reserve (quote), w2 = quote weight stored as a
Perquintill (parts of 10**18), w1 = 10**18 − w2. Prices are ``U64F64`` (TAO per alpha).
Internally U64F64 values are handled as raw bits (value × 2**64) with the substrate-fixed
rules: products floor, quotients truncate, ``safe_div`` gives 0 on a zero divisor or an
overflow, saturating operations clamp to [0, 2**128 − 1].
"""

from __future__ import annotations

from runtime.pallets.swap_math.pow_ratio import pow_ratio_scaled
from runtime.primitives.fixed import U64F64

ACCURACY = 10**18
"""Perquintill denominator: weights are parts of 10**18."""

HALF_WEIGHT = ACCURACY // 2
"""The default quote weight 0.5 (``Balancer::default``)."""

MIN_WEIGHT = ACCURACY // 100
"""Both weights must stay ≥ 0.01 (``MIN_WEIGHT``)."""

ONE_BITS = 1 << 64
U64_MAX = (1 << 64) - 1
U128_MAX = (1 << 128) - 1


class BalancerWeightError(ValueError):
    """A quote weight outside [0.01, 0.99] (the reference's ``BalancerError::InvalidValue``)."""


def perquintill_from_rational(numerator: int, denominator: int) -> int:
    """``Perquintill::from_rational(p, q)``: floor(p/q × 10**18); 10**18 when p > q or q = 0."""
    if denominator == 0 or numerator > denominator:
        return ACCURACY
    return numerator * ACCURACY // denominator


def weight_is_valid(quote_weight: int) -> bool:
    """``check_constraints``: both w2 and 1 − w2 (saturating) are at least ``MIN_WEIGHT``."""
    return quote_weight >= MIN_WEIGHT and max(ACCURACY - quote_weight, 0) >= MIN_WEIGHT


def checked_weight(quote_weight: int) -> int:
    """``Balancer::new``: the weight itself, or BalancerWeightError if out of range."""
    if not weight_is_valid(quote_weight):
        raise BalancerWeightError(f"quote weight {quote_weight} / 10**18 outside [0.01, 0.99]")
    return quote_weight


def fixed_mul(a_bits: int, b_bits: int) -> int:
    """U64F64 ``saturating_mul`` on raw bits: floor of the product, clamped."""
    return min((a_bits * b_bits) >> 64, U128_MAX)


def fixed_safe_div(a_bits: int, b_bits: int) -> int:
    """U64F64 ``safe_div`` on raw bits: truncated quotient; 0 on a zero divisor or overflow."""
    if b_bits == 0:
        return 0
    quotient = (a_bits << 64) // b_bits
    return quotient if quotient <= U128_MAX else 0


def price_bits(quote_weight: int, alpha_reserve: int, tao_reserve: int) -> int:
    """``calculate_price``: (w1 / w2) × (y / x) in U64F64 raw bits (0 when x = 0)."""
    w1 = max(ACCURACY - quote_weight, 0)
    ratio = fixed_safe_div(w1 << 64, quote_weight << 64)
    return fixed_mul(ratio, fixed_safe_div(tao_reserve << 64, alpha_reserve << 64))


def calculate_price(quote_weight: int, alpha_reserve: int, tao_reserve: int) -> U64F64:
    """The spot price (w1/w2)·(y/x) as U64F64 (balancer.rs ``calculate_price``; spec §4.2)."""
    return U64F64.from_bits(price_bits(quote_weight, alpha_reserve, tao_reserve))


def exp_scaled_bits(quote_weight: int, reserve: int, delta: int, base_quote: bool) -> int:
    """``exp_scaled``: (r / (r + Δ))^(w1/w2 if base_quote else w2/w1) as U64F64 raw bits.

    Δ may be negative. r + Δ saturates to [0, 2**64 − 1]; 0 when it is 0. The power is taken
    by ``pow_ratio_scaled`` at precision 256 and scale 10**18, then divided by 10**18 in
    U64F64; for Δ ≥ 0 the result is capped at 1. A power that does not fit u64 gives 0.
    """
    total = min(max(reserve + delta, 0), U64_MAX)
    if total == 0:
        return 0
    w2 = quote_weight
    w1 = max(ACCURACY - quote_weight, 0)
    exp_num, exp_den = (w1, w2) if base_quote else (w2, w1)
    scaled = pow_ratio_scaled(reserve, total, exp_num, exp_den, 256, ACCURACY)
    if scaled is None or scaled > U64_MAX:
        return 0
    result = fixed_safe_div(scaled << 64, ACCURACY << 64)
    return min(result, ONE_BITS) if delta >= 0 else result


def exp_scaled(quote_weight: int, reserve: int, delta: int, base_quote: bool) -> U64F64:
    """:func:`exp_scaled_bits` as U64F64 (balancer.rs ``exp_scaled``; vector swap.exp_scaled)."""
    return U64F64.from_bits(exp_scaled_bits(quote_weight, reserve, delta, base_quote))


def _scaled_pow_to_bits(scaled: int | None) -> int:
    """The delta helpers' conversion of a 10**18-scaled power to U64F64 bits (saturating)."""
    if scaled is None:
        return -1
    return min(scaled, U64_MAX) << 64


def _reserve_times_excess(reserve: int, scaled: int | None) -> int:
    """floor(reserve × (scaled/10**18 − 1)) with the reference's U64F64 saturation, as u64."""
    pow_bits = _scaled_pow_to_bits(scaled)
    if pow_bits < 0:
        return 0
    excess = max(fixed_safe_div(pow_bits, ACCURACY << 64) - ONE_BITS, 0)
    return min(fixed_mul(reserve << 64, excess) >> 64, U64_MAX)


def quote_delta_in(quote_weight: int, current_price: U64F64, target_price: U64F64,
                   tao_reserve: int) -> int:
    """TAO to add to move the price up to ``target``: y × ((p'/p)^w1 − 1), floored (limit buys).

    balancer.rs ``calculate_quote_delta_in``: the power on the raw U64F64 bits of both prices,
    precision 1024, scale 10**18; a power above u64 saturates, a failed one gives 0.
    """
    w1 = max(ACCURACY - quote_weight, 0)
    scaled = pow_ratio_scaled(target_price.bits, current_price.bits, w1, ACCURACY, 1024,
                              ACCURACY)
    return _reserve_times_excess(tao_reserve, scaled)


def base_delta_in(quote_weight: int, current_price: U64F64, target_price: U64F64,
                  alpha_reserve: int) -> int:
    """Alpha to add to move the price down to ``target``: x × ((p/p')^w2 − 1) (limit sells).

    balancer.rs ``calculate_base_delta_in``; same conversions as :func:`quote_delta_in`.
    """
    scaled = pow_ratio_scaled(current_price.bits, target_price.bits, quote_weight, ACCURACY,
                              1024, ACCURACY)
    return _reserve_times_excess(alpha_reserve, scaled)


def base_needed_for_quote(quote_weight: int, tao_reserve: int, alpha_reserve: int,
                          tao_out: int) -> int:
    """Alpha to sell to receive ``tao_out``: x × ((y/(y − Δy))^(w2/w1) − 1), floored.

    balancer.rs ``get_base_needed_for_quote``.
    """
    e_bits = exp_scaled_bits(quote_weight, tao_reserve, -tao_out, False)
    excess = max(e_bits - ONE_BITS, 0)
    return min(fixed_mul(alpha_reserve << 64, excess) >> 64, U64_MAX)


def _mul_perquintill_round(parts: int, value: int) -> int:
    """``mul_perquintill_round``: value × parts / 10**18 rounded half up, clamped to u128."""
    return min((value * parts + ACCURACY // 2) // ACCURACY, U128_MAX)


def weight_for_added_liquidity(quote_weight: int, tao_reserve: int, alpha_reserve: int,
                               tao_delta: int, alpha_delta: int) -> int:
    """The new quote weight after adding (Δy, Δx) at an unchanged price, or BalancerWeightError.

    balancer.rs ``update_weights_for_added_liquidity`` (spec §4.2 "Liquidity injection"):
    q1 = round(w1 · y · (x + Δx)), q2 = round(w2 · x · (y + Δy)); w2' = q2 / (q1 + q2) rounded
    down (0.5 when both are 0); rejected if w2' leaves [0.01, 0.99].
    """
    w1 = max(ACCURACY - quote_weight, 0)
    q1 = _mul_perquintill_round(w1, tao_reserve * (alpha_reserve + alpha_delta))
    q2 = _mul_perquintill_round(quote_weight, alpha_reserve * (tao_reserve + tao_delta))
    total = min(q1 + q2, U128_MAX)
    new_weight = perquintill_from_rational(q2, total) if total else HALF_WEIGHT
    return checked_weight(new_weight)


def initial_quote_weight(tao_reserve: int, alpha_reserve: int, price: U64F64 | None) -> int:
    """The quote weight a pool starts with (impls.rs ``maybe_initialize_palswap``; spec §4.2).

    Without a price: 0.5. With a price p: w2 = y / (p·x + y) rounded down, where p·x is
    floor(p)·x + floor(x · frac(p)) in U64F64. Raises BalancerWeightError when p·x + y is 0 or
    the weight leaves [0.01, 0.99] (the reference's ``ReservesOutOfBalance``).
    """
    if price is None:
        return HALF_WEIGHT
    px_high = (price.bits >> 64) * alpha_reserve
    px_low = fixed_mul(alpha_reserve << 64, price.bits & (ONE_BITS - 1)) >> 64
    denominator = min(px_high + px_low + tao_reserve, U128_MAX)
    if denominator == 0:
        raise BalancerWeightError("p·x + y is zero")
    return checked_weight(perquintill_from_rational(tao_reserve, denominator))
