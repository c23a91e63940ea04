"""Registration burn price: per-block decay and per-registration bump (spec §5.2).

Reference: ``pallets/subtensor/src/subnets/registration.rs``
(``update_registration_prices_for_networks``, ``bump_registration_price_after_registration``)
and ``utils/misc.rs`` (``mul_by_q32``, ``pow_q32``, ``decay_factor_q32``).

The decay factor f is the largest Q32 number (value × 2**32) whose ``half_life``-th power,
taken by squaring with every product floored, is at most 0.5; each block burn := floor(burn ×
f), then clamp to [MinBurn, MaxBurn]. A registration multiplies by ``BurnIncreaseMult``
(U64F64, at least 1), floors and clamps.
"""

from __future__ import annotations

from functools import lru_cache

from runtime.primitives.fixed import U64F64

Q32_ONE = 1 << 32
_U64_MAX = (1 << 64) - 1

DEFAULT_BURN_HALF_LIFE = 360
MAX_BURN_HALF_LIFE = 36_100
DEFAULT_BURN = 1_000_000_000
DEFAULT_MIN_BURN = 500_000
DEFAULT_MAX_BURN = 100_000_000_000

DEFAULT_BURN_INCREASE_MULT = U64F64.from_bits(23242897532874035200)
"""``U64F64::from_num(1.26)``: the f64 1.26 rounded to 2**-64 (nearest, ties to even)."""


def mul_by_q32(value: int, factor_q32: int) -> int:
    """``mul_by_q32``: floor(value × factor / 2**32), clamped to u64."""
    return min((value * factor_q32) >> 32, _U64_MAX)


def pow_q32(base_q32: int, exponent: int) -> int:
    """``pow_q32``: base**exponent in Q32 by squaring, each product floored (and clamped)."""
    result = Q32_ONE
    factor = base_q32
    power = exponent
    while power > 0:
        if power & 1:
            result = mul_by_q32(result, factor)
        power >>= 1
        if power > 0:
            factor = mul_by_q32(factor, factor)
    return result


@lru_cache(maxsize=256)
def decay_factor_q32(half_life: int) -> int:
    """``decay_factor_q32``: the largest f < 2**32 with pow_q32(f, half_life) ≤ 2**31 (1.0 if 0)."""
    if half_life == 0:
        return Q32_ONE
    low, high = 0, Q32_ONE
    while low + 1 < high:
        middle = low + ((high - low) >> 1)
        if pow_q32(middle, half_life) > Q32_ONE >> 1:
            high = middle
        else:
            low = middle
    return low


def _clamp(value: int, min_burn: int, max_burn: int) -> int:
    """The reference's bound enforcement: raise to MinBurn first, then cap at MaxBurn."""
    if value < min_burn:
        value = min_burn
    if value > max_burn:
        value = max_burn
    return value


def decayed_burn(burn: int, half_life: int, min_burn: int, max_burn: int,
                 current_block: int) -> int:
    """The burn after this block's decay (``update_registration_prices_for_networks``).

    The decay applies only when half_life > 0 and current_block > 1; the clamp always applies.
    """
    value = burn
    if half_life > 0 and current_block > 1:
        value = mul_by_q32(burn, decay_factor_q32(half_life))
    return _clamp(value, min_burn, max_burn)


def bumped_burn(burn: int, mult: U64F64, min_burn: int, max_burn: int) -> int:
    """The burn after a registration (``bump_registration_price_after_registration``).

    Root (netuid 0) never bumps: callers skip it. mult is raised to at least 1.
    """
    factor = max(mult.bits, 1 << 64)
    value = min((min(burn << 64, (1 << 128) - 1) * factor >> 64) >> 64, _U64_MAX)
    return _clamp(value, min_burn, max_burn)
