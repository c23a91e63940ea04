"""The subnet moving (EMA) price updated after each coinbase (spec §3.8).

Reference: ``pallets/subtensor/src/staking/stake_utils.rs`` (``get_moving_alpha_price``,
``update_moving_price``); defaults from ``lib.rs`` (``DefaultMovingAlpha``,
``EMAPriceHalvingBlocks``).

a = SubnetMovingAlpha × b / (b + h) with b = blocks since ``start_call``
(block − (FirstEmissionBlockNumber − 1)); new = a × min(spot, 1) + (1 − a) × old, all U64F64,
stored as I96F32 (floored).
"""

from __future__ import annotations

from runtime.primitives.fixed import I96F32, U64F64

DEFAULT_MOVING_ALPHA = I96F32.from_bits(12885)
"""``I96F32::saturating_from_num(0.000003)``: the f64 0.000003 rounded to 2**-32."""

DEFAULT_EMA_PRICE_HALVING_BLOCKS = 201_600
"""Runtime ``InitialEmaPriceHalvingPeriod`` (≈ 4 weeks of 12 s blocks)."""


def moving_alpha_price(stored: I96F32, is_root_or_stable: bool) -> U64F64:
    """``get_moving_alpha_price``: 1 for root or stable subnets, else the stored EMA as U64F64."""
    if is_root_or_stable:
        return U64F64.ONE
    return U64F64.saturating_from_num(stored)


def updated_moving_price(old_price: U64F64, spot_price: U64F64, current_block: int,
                         first_emission_block: int | None, halving_blocks: int,
                         moving_alpha: I96F32 = DEFAULT_MOVING_ALPHA) -> I96F32:
    """The new ``SubnetMovingPrice`` (``update_moving_price``; spec §3.8).

    ``old_price`` is :func:`moving_alpha_price` of the subnet; ``first_emission_block`` is
    ``FirstEmissionBlockNumber`` (None reads as 0). Saturating U64F64 throughout.
    """
    start_call_block = max((first_emission_block or 0) - 1, 0)
    blocks = U64F64.saturating_from_num(max(current_block - start_call_block, 0))
    ramp = blocks.safe_div(blocks.saturating_add(U64F64.saturating_from_num(halving_blocks)))
    alpha = U64F64.saturating_from_num(moving_alpha).saturating_mul(ramp)
    one = U64F64.ONE
    weighted_spot = alpha.saturating_mul(min(spot_price, one))
    weighted_old = one.saturating_sub(alpha).saturating_mul(old_price)
    return I96F32.saturating_from_num(weighted_spot.saturating_add(weighted_old))
