"""Staking and unstaking against a subnet: the effects shared by every staking call (§4.3).

Reference (subtensor 14bc6f9): ``staking/stake_utils.rs`` (``stake_into_subnet``,
``unstake_from_subnet``, ``transfer_stake_within_subnet``) and ``staking/helpers.rs``
(``clear_small_nomination_if_required``). Fees go to the block author: a TAO fee straight from
the subnet account, an alpha fee swapped to TAO fee-free first. Without an author a TAO fee
goes to the burn account and an alpha fee is burned without touching subtensor's alpha
counts (``burn_subnet_alpha`` only reaches the AlphaAssets pallet, not modelled here).
"""

from __future__ import annotations

from runtime.frame import system
from runtime.frame.dispatch import DispatchError
from runtime.frame.system import deposit_event
from runtime.pallets.subtensor import errors, events
from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.constants import INITIAL_MIN_STAKE
from runtime.pallets.subtensor.staking import accounts, pool, root, shares
from runtime.pallets.swap_math.swap import MAX_PRICE_RAO, MIN_PRICE_RAO
from runtime.primitives.externalities import Externalities
from runtime.primitives.fixed import U64F64

DEFAULT_MIN_STAKE = INITIAL_MIN_STAKE
"""``DefaultMinStake``: 2 000 000 rao (spec §7.2)."""
I64_MIN, I64_MAX = -(1 << 63), (1 << 63) - 1
ROOT_NETUID = 0


def _now(ext: Externalities) -> int:
    """``get_current_block_as_u64``."""
    return int(system.Number.get(ext))


def _pay_tao_fee(ext: Externalities, netuid: int, fee: int) -> None:
    """The buy fee (left in the subnet account) to the author, else to the burn account
    (a failed burn is ignored)."""
    author = accounts.block_author(ext)
    if author is not None:
        accounts.transfer_tao_from_subnet(ext, netuid, author, fee)
    else:
        try:
            accounts.transfer_tao(ext, accounts.subnet_account(ext, netuid),
                                  accounts.BURN_ACCOUNT, fee)
        except DispatchError:
            return  # ``burn_tao``'s result is ignored by the reference


def _pay_alpha_fee(ext: Externalities, netuid: int, fee: int) -> int:
    """The sell fee (alpha) swapped fee-free to TAO for the author; returns the TAO paid."""
    author = accounts.block_author(ext)
    if author is None:
        return 0
    result = pool.sell(ext, netuid, fee, MIN_PRICE_RAO, True)
    accounts.transfer_tao_from_subnet(ext, netuid, author, result.amount_paid_out)
    return result.amount_paid_out


def record_tao_flow(ext: Externalities, netuid: int, tao: int) -> None:
    """``record_tao_inflow`` (tao > 0) / ``record_tao_outflow`` (tao < 0): ``SubnetTaoFlow``
    moves by ``tao``, saturating in i64."""
    st.SubnetTaoFlow.mutate(ext, netuid, lambda v: min(max(int(v) + tao, I64_MIN), I64_MAX))


def maybe_become_delegate(ext: Externalities, hotkey: bytes) -> None:
    """``maybe_become_delegate``: a hotkey without a ``Delegates`` entry gets its take
    (the default) stored."""
    if not st.Delegates.contains(ext, hotkey):
        st.Delegates.insert(ext, hotkey, st.Delegates.get(ext, hotkey))


def stake_into_subnet(ext: Externalities, hotkey: bytes, coldkey: bytes, netuid: int, tao: int,
                      limit_rao: int = MAX_PRICE_RAO, drop_fees: bool = False) -> int:
    """Move ``tao`` into the subnet account, buy alpha, credit it to (hotkey, coldkey), pay
    the fee; ``StakeAdded``. Errors: InsufficientBalance, the swap's errors, AmountTooLow
    (nothing bought), InsufficientLiquidity (pool too imprecise). Returns the alpha bought."""
    staked = accounts.transfer_tao_to_subnet(ext, netuid, coldkey, tao)
    result = pool.buy(ext, netuid, staked, limit_rao, drop_fees)
    alpha = result.amount_paid_out
    if alpha == 0:
        raise errors.AmountTooLow()
    if not shares.can_increase(ext, hotkey, netuid, alpha):
        raise errors.InsufficientLiquidity()
    shares.increase_stake(ext, hotkey, coldkey, netuid, alpha)
    shares.add_staking_hotkey(ext, coldkey, hotkey)
    _pay_tao_fee(ext, netuid, result.fee_to_block_author)
    record_tao_flow(ext, netuid, result.amount_paid_in)
    st.LastColdkeyHotkeyStakeBlock.insert(ext, coldkey, hotkey, _now(ext))
    if netuid == ROOT_NETUID:
        root.add_stake_adjust_root_claimed(ext, hotkey, coldkey, alpha)
        root.maybe_add_coldkey_index(ext, coldkey)
    deposit_event(ext, events.StakeAdded(coldkey, hotkey, staked, alpha, netuid,
                                         result.fee_paid))
    return alpha


def unstake_from_subnet(ext: Externalities, hotkey: bytes, coldkey: bytes, netuid: int,
                        alpha: int, limit_rao: int = MIN_PRICE_RAO,
                        drop_fees: bool = False) -> int:
    """Debit ``alpha`` from (hotkey, coldkey), sell it, re-credit what the limit left unsold,
    pay the TAO to the coldkey and the fee to the author; ``StakeRemoved``. Returns the TAO."""
    shares.decrease_stake(ext, hotkey, coldkey, netuid, alpha)
    result = pool.sell(ext, netuid, alpha, limit_rao, drop_fees)
    refund = max(alpha - (result.amount_paid_in + result.fee_paid), 0)
    if refund:
        shares.increase_stake(ext, hotkey, coldkey, netuid, refund)
    accounts.transfer_tao_from_subnet(ext, netuid, coldkey, result.amount_paid_out)
    fee_tao = _pay_alpha_fee(ext, netuid, result.fee_to_block_author)
    if netuid == ROOT_NETUID:
        root.remove_stake_adjust_root_claimed(ext, hotkey, coldkey, alpha)
        if not root.coldkey_has_root_stake(ext, coldkey):
            root.maybe_remove_coldkey_index(ext, coldkey)
    record_tao_flow(ext, netuid, -(result.amount_paid_out + fee_tao))
    st.LastColdkeyHotkeyStakeBlock.insert(ext, coldkey, hotkey, _now(ext))
    deposit_event(ext, events.StakeRemoved(coldkey, hotkey, result.amount_paid_out,
                                           result.amount_paid_in, netuid, result.fee_paid))
    return result.amount_paid_out


def transfer_stake_within_subnet(ext: Externalities, origin: tuple[bytes, bytes],
                                 destination: tuple[bytes, bytes], netuid: int,
                                 alpha: int) -> int:
    """Move ``alpha`` of shares from (origin coldkey, hotkey) to (destination coldkey, hotkey)
    on one subnet: no swap, no fee; it must be worth ≥ DefaultMinStake at the spot price
    (``AmountTooLow``). ``StakeRemoved`` then ``StakeAdded`` with fee 0. Returns the TAO
    equivalent."""
    (origin_coldkey, origin_hotkey), (dest_coldkey, dest_hotkey) = origin, destination
    shares.decrease_stake(ext, origin_hotkey, origin_coldkey, netuid, alpha)
    if netuid == ROOT_NETUID:
        root.remove_stake_adjust_root_claimed(ext, origin_hotkey, origin_coldkey, alpha)
    shares.increase_stake(ext, dest_hotkey, dest_coldkey, netuid, alpha)
    if netuid == ROOT_NETUID:
        root.add_stake_adjust_root_claimed(ext, dest_hotkey, dest_coldkey, alpha)
    price = pool.alpha_price(ext, netuid)
    tao = price.saturating_mul(U64F64.saturating_from_num(alpha)).saturating_to_int()
    if tao < DEFAULT_MIN_STAKE:
        raise errors.AmountTooLow()
    st.LastColdkeyHotkeyStakeBlock.insert(ext, dest_coldkey, dest_hotkey, _now(ext))
    deposit_event(ext, events.StakeRemoved(origin_coldkey, origin_hotkey, tao, alpha, netuid, 0))
    deposit_event(ext, events.StakeAdded(dest_coldkey, dest_hotkey, tao, alpha, netuid, 0))
    return tao


def nominator_min_stake(ext: Externalities) -> int:
    """``get_nominator_min_required_stake``: NominatorMinRequiredStake ppm × DefaultMinStake."""
    return int(st.NominatorMinRequiredStake.get(ext)) * DEFAULT_MIN_STAKE // 1_000_000


def clear_small_nomination(ext: Externalities, hotkey: bytes, coldkey: bytes,
                           netuid: int) -> None:
    """A non-owner's remaining stake worth less than the nominator minimum (in alpha at the
    spot price) is unstaked; if that sale fails, the stake is simply removed."""
    if accounts_owns(ext, coldkey, hotkey):
        return
    alpha = shares.stake_of(ext, hotkey, coldkey, netuid)
    minimum = U64F64.saturating_from_num(nominator_min_stake(ext)).safe_div(
        pool.alpha_price(ext, netuid)).saturating_to_int()
    if 0 < alpha < minimum:
        try:
            unstake_from_subnet(ext, hotkey, coldkey, netuid, alpha)
        except DispatchError:
            rest = shares.stake_of(ext, hotkey, coldkey, netuid)
            shares.decrease_stake(ext, hotkey, coldkey, netuid, rest)


def accounts_owns(ext: Externalities, coldkey: bytes, hotkey: bytes) -> bool:
    """``coldkey_owns_hotkey``: ``Owner[hotkey]`` is stored and equals ``coldkey``."""
    return st.Owner.contains(ext, hotkey) and bytes(st.Owner.get(ext, hotkey)) == coldkey
