"""Buys and sells against an immutable pool state, with fees and limit prices.

Reference: ``pallets/swap/src/pallet/impls.rs`` (``do_swap``, ``swap_inner``,
``calculate_fee_amount``, ``ensure_swap_input_within_reserve_limit``), ``swap_step.rs``
(``BasicSwapStep``) and ``primitives/swap-interface/src/order.rs``; spec/subtensor.md §4.2.

Everything here is for a *dynamic* (mechanism 1) pool. Stable pools (root, mechanism 0) swap
1:1 without fee and price 1 — see :func:`stable_swap`. The functions only compute: the caller
applies :func:`apply_buy` / :func:`apply_sell` to the reserves (as subtensor does) and pays
``fee_to_block_author``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from runtime.pallets.swap_math.balancer import (
    HALF_WEIGHT,
    ONE_BITS,
    U64_MAX,
    BalancerWeightError,
    base_delta_in,
    exp_scaled_bits,
    fixed_mul,
    fixed_safe_div,
    price_bits,
    quote_delta_in,
    weight_for_added_liquidity,
)
from runtime.primitives.fixed import U64F64

DEFAULT_FEE_RATE = 33
"""``DefaultFeeRate``: 33 / 65535 ≈ 0.05 %."""

MINIMUM_RESERVE = 1_000_000
"""Runtime ``SwapMinimumReserve`` (rao / alpha units)."""

MAX_SWAP_INPUT_RESERVE_MULTIPLIER = 1000
"""A swap's net input may be at most 1000 × the input reserve."""

MIN_PRICE_RAO = 1000
"""``min_price_inner``: the default sell limit, in rao per alpha."""

MAX_PRICE_RAO = 1_000_000_000_000_000
"""``max_price_inner``: the default buy limit, in rao per alpha."""

U16_MAX = 0xFFFF


class SwapError(Exception):
    """A swap the reference refuses; ``name`` is the swap pallet's error variant."""

    name = "SwapError"


class SwapInputTooLarge(SwapError):
    """The net input exceeds 1000 × the input reserve."""

    name = "SwapInputTooLarge"


class ReservesTooLow(SwapError):
    """The output reserve is below the minimum, or a non-zero input would pay out nothing."""

    name = "ReservesTooLow"


class PriceLimitExceeded(SwapError):
    """The current price is already at or beyond the limit."""

    name = "PriceLimitExceeded"


class InsufficientLiquidity(SwapError):
    """The payout exceeds the output reserve (checked only when the swap is not simulated)."""

    name = "InsufficientLiquidity"


@dataclass(frozen=True, slots=True)
class PoolState:
    """A dynamic subnet's pool: ``SubnetTAO``, ``SubnetAlphaIn``, ``SwapBalancer``, ``FeeRate``."""

    tao_reserve: int
    alpha_reserve: int
    quote_weight: int = HALF_WEIGHT
    fee_rate: int = DEFAULT_FEE_RATE


@dataclass(frozen=True, slots=True)
class SwapResult:
    """``SwapResult``: net input added to the reserve, payout, fee charged, fee for the author."""

    amount_paid_in: int
    amount_paid_out: int
    fee_paid: int
    fee_to_block_author: int


def fee_amount(amount: int, fee_rate: int, drop_fees: bool = False) -> int:
    """``calculate_fee_amount``: floor(amount × (rate/65535 as U64F64)); 0 if fees are dropped."""
    if drop_fees:
        return 0
    rate_bits = fixed_safe_div(fee_rate << 64, U16_MAX << 64)
    return min(fixed_mul(amount << 64, rate_bits) >> 64, U64_MAX)


def grossed_up_fee(delta_in: int, fee_rate: int, drop_fees: bool = False) -> int:
    """Fee when a limit binds: floor(Δ × rate/(65535 − rate)) in U64F64 (``determine_action``)."""
    rate = 0 if drop_fees else fee_rate
    factor = fixed_safe_div(rate << 64, max(U16_MAX - rate, 0) << 64)
    return min(fixed_mul(delta_in << 64, factor) >> 64, U64_MAX)


def current_price(pool: PoolState) -> U64F64:
    """The pool's spot price in TAO per alpha (impls.rs ``current_price``; 0 if alpha is 0)."""
    if pool.alpha_reserve == 0:
        return U64F64.ZERO
    return U64F64.from_bits(price_bits(pool.quote_weight, pool.alpha_reserve, pool.tao_reserve))


def limit_price_from_rao(limit_rao: int) -> U64F64:
    """A limit price given in rao per alpha as U64F64 (``limit / 10**9``, truncated)."""
    return U64F64.from_bits(fixed_safe_div(limit_rao << 64, 1_000_000_000 << 64))


def alpha_out_for_tao(pool: PoolState, tao_in: int) -> int:
    """Alpha paid for a net TAO input: floor(x × (1 − (y/(y+Δy))^(w2/w1))) (``convert_deltas``)."""
    e_bits = exp_scaled_bits(pool.quote_weight, pool.tao_reserve, tao_in, False)
    return min(fixed_mul(pool.alpha_reserve << 64, max(ONE_BITS - e_bits, 0)) >> 64, U64_MAX)


def tao_out_for_alpha(pool: PoolState, alpha_in: int) -> int:
    """TAO paid for a net alpha input: floor(y × (1 − (x/(x+Δx))^(w1/w2))) (``convert_deltas``)."""
    e_bits = exp_scaled_bits(pool.quote_weight, pool.alpha_reserve, alpha_in, True)
    return min(fixed_mul(pool.tao_reserve << 64, max(ONE_BITS - e_bits, 0)) >> 64, U64_MAX)


def _finish_step(delta_in: int, delta_out: int, fee: int) -> SwapResult:
    """``process_swap``: refuse a non-zero input that pays nothing; the author gets the fee."""
    if delta_in and not delta_out:
        raise ReservesTooLow("the swap would pay out nothing")
    return SwapResult(delta_in, delta_out, fee, fee if delta_in else 0)


def buy_step(pool: PoolState, amount: int, limit_price: U64F64, drop_fees: bool) -> SwapResult:
    """One TAO→alpha ``BasicSwapStep``: the whole net amount, or only up to the limit price."""
    fee = fee_amount(amount, pool.fee_rate, drop_fees)
    requested = max(amount - fee, 0)
    dx = alpha_out_for_tao(pool, requested)
    target = price_bits(pool.quote_weight, max(pool.alpha_reserve - dx, 0),
                        min(pool.tao_reserve + requested, U64_MAX))
    if target <= limit_price.bits:
        delta_in = requested
    else:
        delta_in = quote_delta_in(pool.quote_weight, current_price(pool), limit_price,
                                  pool.tao_reserve)
        fee = grossed_up_fee(delta_in, pool.fee_rate, drop_fees)
    return _finish_step(delta_in, alpha_out_for_tao(pool, delta_in), fee)


def sell_step(pool: PoolState, amount: int, limit_price: U64F64, drop_fees: bool) -> SwapResult:
    """One alpha→TAO ``BasicSwapStep``: the whole net amount, or only down to the limit price."""
    fee = fee_amount(amount, pool.fee_rate, drop_fees)
    requested = max(amount - fee, 0)
    dy = tao_out_for_alpha(pool, requested)
    target = price_bits(pool.quote_weight, min(pool.alpha_reserve + requested, U64_MAX),
                        max(pool.tao_reserve - dy, 0))
    if target >= limit_price.bits:
        delta_in = requested
    else:
        delta_in = base_delta_in(pool.quote_weight, current_price(pool), limit_price,
                                 pool.alpha_reserve)
        fee = grossed_up_fee(delta_in, pool.fee_rate, drop_fees)
    return _finish_step(delta_in, tao_out_for_alpha(pool, delta_in), fee)


def _check_input(amount: int, fee_rate: int, drop_fees: bool, input_reserve: int) -> None:
    """``ensure_swap_input_within_reserve_limit``: net input ≤ 1000 × input reserve (u64 sat.)."""
    net = max(amount - fee_amount(amount, fee_rate, drop_fees), 0)
    if net > min(input_reserve * MAX_SWAP_INPUT_RESERVE_MULTIPLIER, U64_MAX):
        raise SwapInputTooLarge(f"net input {net} exceeds 1000 × reserve {input_reserve}")


def swap_tao_for_alpha(pool: PoolState, amount: int, limit_price: U64F64, *,
                       drop_fees: bool = False, simulate: bool = False,
                       minimum_reserve: int = MINIMUM_RESERVE) -> SwapResult:
    """A buy as ``do_swap::<GetAlphaForTao>`` computes it (spec §4.2 "Buy").

    Errors in the reference's order: SwapInputTooLarge, ReservesTooLow (alpha reserve below
    the minimum), PriceLimitExceeded (unless current price < limit), ReservesTooLow (nothing
    paid out), InsufficientLiquidity (payout > reserve; skipped when ``simulate``).
    """
    _check_input(amount, pool.fee_rate, drop_fees, pool.tao_reserve)
    if pool.alpha_reserve < minimum_reserve:
        raise ReservesTooLow(f"alpha reserve {pool.alpha_reserve} < {minimum_reserve}")
    if not current_price(pool).bits < limit_price.bits:
        raise PriceLimitExceeded("the price is not below the limit")
    result = buy_step(pool, amount, limit_price, drop_fees)
    if not simulate and pool.alpha_reserve < result.amount_paid_out:
        raise InsufficientLiquidity("payout exceeds the alpha reserve")
    return result


def swap_alpha_for_tao(pool: PoolState, amount: int, limit_price: U64F64, *,
                       drop_fees: bool = False, simulate: bool = False,
                       minimum_reserve: int = MINIMUM_RESERVE) -> SwapResult:
    """A sell as ``do_swap::<GetTaoForAlpha>`` computes it (spec §4.2 "Sell"); mirror of the buy."""
    _check_input(amount, pool.fee_rate, drop_fees, pool.alpha_reserve)
    if pool.tao_reserve < minimum_reserve:
        raise ReservesTooLow(f"TAO reserve {pool.tao_reserve} < {minimum_reserve}")
    if not current_price(pool).bits > limit_price.bits:
        raise PriceLimitExceeded("the price is not above the limit")
    result = sell_step(pool, amount, limit_price, drop_fees)
    if not simulate and pool.tao_reserve < result.amount_paid_out:
        raise InsufficientLiquidity("payout exceeds the TAO reserve")
    return result


def apply_buy(pool: PoolState, result: SwapResult) -> PoolState:
    """Reserves after a buy as subtensor books it: SubnetTAO += paid in, SubnetAlphaIn −= out."""
    return replace(pool, tao_reserve=min(pool.tao_reserve + result.amount_paid_in, U64_MAX),
                   alpha_reserve=max(pool.alpha_reserve - result.amount_paid_out, 0))


def apply_sell(pool: PoolState, result: SwapResult) -> PoolState:
    """Reserves after a sell: SubnetAlphaIn += paid in, SubnetTAO −= paid out."""
    return replace(pool, alpha_reserve=min(pool.alpha_reserve + result.amount_paid_in, U64_MAX),
                   tao_reserve=max(pool.tao_reserve - result.amount_paid_out, 0))


def stable_swap(amount: int) -> SwapResult:
    """A swap on a stable (mechanism 0) subnet: 1:1, no fee (stake_utils ``swap_*``)."""
    return SwapResult(amount, amount, 0, 0)


def adjust_protocol_liquidity(pool: PoolState, tao_delta: int,
                              alpha_delta: int) -> tuple[PoolState, int, int]:
    """Re-weight the pool for an emission injection (impls.rs ``adjust_protocol_liquidity``).

    Returns the pool with its new quote weight (reserves unchanged: the caller adds the
    injected amounts) and the amounts actually injected; (pool, 0, 0) when the new weight
    would leave [0.01, 0.99].
    """
    try:
        weight = weight_for_added_liquidity(pool.quote_weight, pool.tao_reserve,
                                            pool.alpha_reserve, tao_delta, alpha_delta)
    except BalancerWeightError:
        return pool, 0, 0
    return replace(pool, quote_weight=weight), tao_delta, alpha_delta


def alpha_for_tao_at_spot(pool: PoolState, tao_amount: int) -> int:
    """``get_alpha_amount_for_tao``: floor(tao / spot price) for a dynamic pool."""
    return min(fixed_safe_div(tao_amount << 64, current_price(pool).bits) >> 64, U64_MAX)


def max_amount_add(pool: PoolState, limit_rao: int) -> int:
    """``get_max_amount_add`` for a dynamic subnet: TAO executable up to ``limit_rao``.

    Simulates buying 1000 × SubnetTAO with the limit and returns paid-in + fee (staking/
    add_stake.rs; spec §4.3). Raises the swap's error (e.g. PriceLimitExceeded) as the
    reference returns it.
    """
    amount = min(pool.tao_reserve * MAX_SWAP_INPUT_RESERVE_MULTIPLIER, U64_MAX)
    result = swap_tao_for_alpha(pool, amount, limit_price_from_rao(limit_rao), simulate=True)
    return min(result.amount_paid_in + result.fee_paid, U64_MAX)


def max_amount_remove(pool: PoolState, limit_rao: int) -> int:
    """``get_max_amount_remove`` for a dynamic subnet: alpha executable down to ``limit_rao``.

    Simulates selling 1000 × SubnetAlphaIn with the limit; paid-in + fee (remove_stake.rs).
    """
    amount = min(pool.alpha_reserve * MAX_SWAP_INPUT_RESERVE_MULTIPLIER, U64_MAX)
    result = swap_alpha_for_tao(pool, amount, limit_price_from_rao(limit_rao), simulate=True)
    return min(result.amount_paid_in + result.fee_paid, U64_MAX)


def stable_max_amount(limit_rao: int, adding: bool) -> int:
    """Root / stable subnets: u64::MAX when the limit admits price 1 (≥ 1e9 rao to add,
    ≤ 1e9 rao to remove), else 0 (``get_max_amount_add`` / ``get_max_amount_remove``)."""
    admitted = limit_rao >= 1_000_000_000 if adding else limit_rao <= 1_000_000_000
    return U64_MAX if admitted else 0
