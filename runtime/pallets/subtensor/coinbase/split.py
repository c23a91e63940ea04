"""Splitting a block's emission across subnets and within a subnet (spec §3.3–3.5).

References (subtensor 14bc6f9): ``coinbase/subnet_emissions.rs`` (``get_shares``,
``get_shares_price_ema``, ``get_subnet_block_emissions``), ``coinbase/run_coinbase.rs``
(``get_subnet_terms``, ``emit_to_subnets``, ``get_network_root_sell_flag``),
``coinbase/block_step.rs`` (``root_proportion``), ``staking/stake_utils.rs``
(``get_tao_weight``) and ``utils/misc.rs`` (``get_float_subnet_owner_cut``).

Values are the reference's fixed-point types: shares U64F64, amounts U96F32; the floors to
integers happen where the pallet stores them (the ``*_u64`` fields below). Subnets are given
as parallel sequences in the pallet's iteration order; results come back in the same order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from runtime.pallets.subtensor.coinbase.block_emission import block_emission_for_issuance
from runtime.primitives.fixed import U64F64, U96F32

_U64_MAX = (1 << 64) - 1
_HALF = U96F32.from_bits(1 << 31)


def tao_weight_from_stored(stored: int) -> U96F32:
    """``get_tao_weight``: the stored u64 ``TaoWeight`` divided by u64::MAX, in U96F32."""
    return U96F32.from_num(stored).safe_div(U96F32.from_num(_U64_MAX))


def owner_cut_fraction(subnet_owner_cut: int) -> U96F32:
    """``get_float_subnet_owner_cut``: ``SubnetOwnerCut`` / 65535 in U96F32 (truncated)."""
    return U96F32.from_num(subnet_owner_cut).safe_div(U96F32.from_num(0xFFFF))


def root_proportion(alpha_issuance: int, root_tao: int, tao_weight: U96F32) -> U96F32:
    """``root_proportion``: w·R / (w·R + alpha issuance), 0 where the division fails.

    ``root_tao`` is ``SubnetTAO[0]``; ``alpha_issuance`` is SubnetAlphaIn + SubnetAlphaOut.
    """
    weighted = U96F32.from_num(root_tao).saturating_mul(tao_weight)
    total = weighted.saturating_add(U96F32.from_num(alpha_issuance))
    result = weighted.checked_div(total)
    return U96F32.ZERO if result is None else result


def price_shares(moving_prices: Sequence[U64F64]) -> list[U64F64]:
    """``get_shares_price_ema``: each moving price over their saturating sum (0 if that fails)."""
    total = U64F64.ZERO
    for price in moving_prices:
        total = total.saturating_add(price)
    shares = []
    for price in moving_prices:
        share = price.checked_div(total)
        shares.append(U64F64.ZERO if share is None else share)
    return shares


def emission_shares(moving_prices: Sequence[U64F64],
                    miner_burned: Sequence[U96F32]) -> list[U64F64]:
    """``get_shares``: price shares × (1 − min(1, MinerBurned)), renormalised (spec §3.3).

    Falls back to the plain price shares when every weighted share is 0.
    """
    shares = price_shares(moving_prices)
    one = U64F64.ONE
    weighted = []
    for share, burned in zip(shares, miner_burned, strict=True):
        factor = one.saturating_sub(min(U64F64.saturating_from_num(burned), one))
        weighted.append(share.saturating_mul(factor))
    total = U64F64.ZERO
    for weight in weighted:
        total = total.saturating_add(weight)
    if total.bits == 0:
        return shares
    return [weight.safe_div(total) for weight in weighted]


def subnet_block_emissions(block_emission: int, moving_prices: Sequence[U64F64],
                           miner_burned: Sequence[U96F32],
                           emission_enabled: Sequence[bool]) -> list[U96F32]:
    """``get_subnet_block_emissions``: TAO per emitting subnet (spec §3.3).

    With any subnet disabled, enabled shares are renormalised over the enabled sum and disabled
    subnets get 0. Each emission is U64F64(block_emission) × share, then U96F32 (floored).
    """
    shares = emission_shares(moving_prices, miner_burned)
    enabled_sum = U64F64.ZERO
    for share, enabled in zip(shares, emission_enabled, strict=True):
        if enabled:
            enabled_sum = enabled_sum.saturating_add(share)
    any_disabled = not all(emission_enabled)
    emission = U64F64.saturating_from_num(U96F32.saturating_from_num(block_emission))
    result = []
    for share, enabled in zip(shares, emission_enabled, strict=True):
        if any_disabled:
            share = share.safe_div(enabled_sum) if enabled and enabled_sum.bits else U64F64.ZERO
        result.append(U96F32.saturating_from_num(emission.saturating_mul(share)))
    return result


@dataclass(frozen=True, slots=True)
class SubnetTerms:
    """``get_subnet_terms`` for one subnet: TAO and alpha into the pool, alpha out, chain buy."""

    tao_in: U96F32
    alpha_in: U96F32
    alpha_out: U96F32
    excess_tao: U96F32

    @property
    def tao_in_u64(self) -> int:
        """tao_in as ``inject_and_maybe_swap`` floors it."""
        return self.tao_in.saturating_to_u64()

    @property
    def alpha_in_u64(self) -> int:
        """alpha_in as ``inject_and_maybe_swap`` floors it."""
        return self.alpha_in.saturating_to_u64()

    @property
    def excess_tao_u64(self) -> int:
        """The TAO the chain buys alpha with (floored)."""
        return self.excess_tao.saturating_to_u64()


def subnet_terms(tao_emission: U96F32, alpha_issuance: int, spot_price: U64F64,
                 root_prop: U96F32) -> SubnetTerms:
    """``get_subnet_terms`` (spec §3.4): alpha_out = emission(alpha issuance); alpha_in =
    tao / price (0 if price is 0), capped at root_prop × alpha emission, in which case tao_in =
    cap × price; the rest of the TAO is the excess for chain buys. The U64F64 spot price
    enters as U96F32 (floored to 32 fractional bits), as in the reference.
    """
    alpha_emission = U96F32.from_num(block_emission_for_issuance(alpha_issuance))
    price = U96F32.saturating_from_num(spot_price)
    tao_in = tao_emission
    alpha_in = tao_emission.safe_div_or(price, U96F32.ZERO)
    cap = root_prop.saturating_mul(alpha_emission)
    if alpha_in > cap:
        alpha_in = cap
        tao_in = alpha_in.saturating_mul(price)
    return SubnetTerms(tao_in, alpha_in, alpha_emission, tao_emission.saturating_sub(tao_in))


def root_sell_flag(moving_prices: Sequence[U64F64]) -> bool:
    """``get_network_root_sell_flag``: Σ moving prices of emitting subnets > 1."""
    return sum((price.bits for price in moving_prices), 0) > U64F64.ONE.bits


@dataclass(frozen=True, slots=True)
class ParticipantSplit:
    """Per-block alpha for one subnet's participants, each floored as the pallet adds it."""

    alpha_created: int
    owner_cut: int
    server: int
    validator: int
    root_alpha: int


def participant_split(alpha_out: U96F32, owner_cut: U96F32 | None,
                      root_prop: U96F32) -> ParticipantSplit:
    """The participant part of ``emit_to_subnets`` (spec §3.5).

    ``owner_cut`` is :func:`owner_cut_fraction`, or None when ``OwnerCutEnabled`` is false.
    ``root_prop`` must be read *after* the injection and the alpha_out mint of this block (the
    reference calls ``root_proportion`` at that point). root_alpha goes to
    ``PendingRootAlphaDivs`` when the root sell flag is set, else it is recycled.
    """
    created = alpha_out.saturating_to_u64()
    remaining = alpha_out
    cut = U96F32.ZERO
    if owner_cut is not None:
        cut = alpha_out.saturating_mul(owner_cut)
        remaining = alpha_out.saturating_sub(cut)
    root_alpha = root_prop.saturating_mul(remaining).saturating_mul(_HALF)
    server = remaining.saturating_mul(_HALF)
    validator = remaining.saturating_sub(server).saturating_sub(root_alpha)
    return ParticipantSplit(created, cut.saturating_to_u64(), server.saturating_to_u64(),
                            validator.saturating_to_u64(), root_alpha.saturating_to_u64())


@dataclass(frozen=True, slots=True)
class SubnetCoinbaseInput:
    """What the split needs to know about one emitting subnet (read from storage by the caller).

    ``moving_price`` is :func:`moving_price.moving_alpha_price`; ``spot_price`` the pool price
    (1 for stable subnets); ``alpha_issuance`` SubnetAlphaIn + SubnetAlphaOut before this block.
    """

    moving_price: U64F64
    alpha_issuance: int
    spot_price: U64F64
    miner_burned: U96F32 = U96F32.ZERO
    emission_enabled: bool = True
    owner_cut_enabled: bool = True


@dataclass(frozen=True, slots=True)
class SubnetCoinbase:
    """One subnet's TAO emission, injection terms and participant alpha for this block."""

    tao_emission: U96F32
    terms: SubnetTerms
    participants: ParticipantSplit


def split_block_emission(block_emission: int, subnets: Sequence[SubnetCoinbaseInput],
                         root_tao: int, tao_weight: U96F32,
                         owner_cut: U96F32) -> tuple[list[SubnetCoinbase], bool]:
    """The pure part of one block's ``run_coinbase`` for the emitting subnets (spec §3.3–3.5).

    Returns per-subnet results in input order and the root sell flag. The participant root
    proportion assumes the injection is accepted (alpha issuance grows by floor(alpha_in) and
    floor(alpha_out)); when ``adjust_protocol_liquidity`` refuses an injection the pallet must
    call :func:`participant_split` with the proportion it actually reads.
    """
    emissions = subnet_block_emissions(
        block_emission, [s.moving_price for s in subnets], [s.miner_burned for s in subnets],
        [s.emission_enabled for s in subnets])
    results = []
    for subnet, emission in zip(subnets, emissions, strict=True):
        before = root_proportion(subnet.alpha_issuance, root_tao, tao_weight)
        terms = subnet_terms(emission, subnet.alpha_issuance, subnet.spot_price, before)
        issuance_after = (subnet.alpha_issuance + terms.alpha_in_u64
                          + terms.alpha_out.saturating_to_u64())
        after = root_proportion(issuance_after, root_tao, tao_weight)
        cut = owner_cut if subnet.owner_cut_enabled else None
        results.append(SubnetCoinbase(emission, terms, participant_split(terms.alpha_out, cut,
                                                                         after)))
    return results, root_sell_flag([s.moving_price for s in subnets])
