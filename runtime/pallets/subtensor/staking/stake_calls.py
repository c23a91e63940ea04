"""SubtensorModule add_stake (2), remove_stake (3), add_stake_limit (88),
remove_stake_limit (89), remove_stake_full_limit (103), unstake_all (83) and
unstake_all_alpha (84) (spec §4.3, §6.1).

Reference (subtensor 14bc6f9): ``staking/add_stake.rs``, ``staking/remove_stake.rs`` and the
dispatchables in ``macros/dispatches.rs``; weights from ``weights.rs`` (``SubstrateWeight``).
"""

from __future__ import annotations

from runtime.frame.dispatch import DispatchError, Origin, ensure_signed
from runtime.pallets.subtensor import errors
from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.calls.weights import db_weight
from runtime.pallets.subtensor.pallet import CALL_INDICES, subtensor
from runtime.pallets.subtensor.staking import flows, pool, shares, validate
from runtime.pallets.subtensor.types import AlphaBalance, NetUid, TaoBalance
from runtime.pallets.swap_math.swap import MAX_PRICE_RAO
from runtime.primitives.externalities import Externalities
from runtime.primitives.fixed import U64F64
from runtime.primitives.scale import Bool, Option
from runtime.primitives.scale.common import AccountId32

ROOT_NETUID = 0
_HOTKEY = ("hotkey", AccountId32, "T::AccountId")
_NETUID = ("netuid", NetUid, "NetUid")
_LIMIT = [("limit_price", TaoBalance, "TaoBalance"), ("allow_partial", Bool, "bool")]

ADD_STAKE_WEIGHT = db_weight(664_064_000, 8727, 32, 16)
REMOVE_STAKE_WEIGHT = db_weight(569_198_000, 10557, 28, 13)
ADD_STAKE_LIMIT_WEIGHT = db_weight(853_005_000, 8727, 32, 16)
REMOVE_STAKE_LIMIT_WEIGHT = db_weight(740_696_000, 10591, 27, 13)
REMOVE_STAKE_FULL_LIMIT_WEIGHT = db_weight(754_292_000, 10591, 27, 13)
UNSTAKE_ALL_WEIGHT = db_weight(26_830_000, 9189, 6, 0)
UNSTAKE_ALL_ALPHA_WEIGHT = db_weight(700_873_000, 11306, 43, 25)


def _subnets(ext: Externalities) -> list[int]:
    """``get_all_subnet_netuids``: every key of ``NetworksAdded``, in storage-key order
    (spec §0.3)."""
    return [int(key[0]) for key in st.NetworksAdded.iter_keys(ext)]


def do_add_stake(ext: Externalities, coldkey: bytes, hotkey: bytes, netuid: int,
                 amount: int, limit_price: int | None, allow_partial: bool) -> int:
    """The body of add_stake and add_stake_limit; returns the alpha bought."""
    if not pool.within_input_limit(ext, netuid, amount, int(st.SubnetTAO.get(ext, netuid))):
        raise errors.InsufficientLiquidity()
    if limit_price is None:
        validate.validate_add_stake(ext, coldkey, hotkey, netuid, amount, amount, False)
        return flows.stake_into_subnet(ext, hotkey, coldkey, netuid, amount)
    max_amount = pool.max_amount_add(ext, netuid, limit_price)
    validate.validate_add_stake(ext, coldkey, hotkey, netuid, amount, max_amount, allow_partial)
    if not flows.accounts_owns(ext, coldkey, hotkey):
        flows.maybe_become_delegate(ext, hotkey)
    return flows.stake_into_subnet(ext, hotkey, coldkey, netuid, min(amount, max_amount),
                                   limit_price)


def do_remove_stake(ext: Externalities, coldkey: bytes, hotkey: bytes, netuid: int,
                    alpha: int, limit_price: int | None, allow_partial: bool) -> None:
    """The body of remove_stake (capped at the stake held, subtoken checked first) and
    remove_stake_limit; afterwards a small nomination left behind is cleared."""
    if limit_price is None:
        validate.ensure_subtoken_enabled(ext, netuid)
        alpha = min(alpha, shares.stake_of(ext, hotkey, coldkey, netuid))
    if not pool.within_input_limit(ext, netuid, alpha, int(st.SubnetAlphaIn.get(ext, netuid))):
        raise errors.InsufficientLiquidity()
    if limit_price is None:
        validate.validate_remove_stake(ext, coldkey, hotkey, netuid, alpha, alpha, False)
        flows.unstake_from_subnet(ext, hotkey, coldkey, netuid, alpha)
    else:
        max_amount = pool.max_amount_remove(ext, netuid, limit_price)
        validate.validate_remove_stake(ext, coldkey, hotkey, netuid, alpha, max_amount,
                                       allow_partial)
        flows.unstake_from_subnet(ext, hotkey, coldkey, netuid, min(alpha, max_amount),
                                  limit_price)
    flows.clear_small_nomination(ext, hotkey, coldkey, netuid)
    if total_stake_for_hotkey(ext, hotkey) < int(st.StakeThreshold.get(ext)):
        for subnet in _subnets(ext):
            st.PendingChildKeys.remove(ext, subnet, hotkey)


def total_stake_for_hotkey(ext: Externalities, hotkey: bytes) -> int:
    """``get_total_stake_for_hotkey``: Σ over subnets of TotalHotkeyAlpha × alpha price
    (U64F64, saturating), floored to rao."""
    total = U64F64.ZERO
    for netuid in _subnets(ext):
        alpha = U64F64.saturating_from_num(int(st.TotalHotkeyAlpha.get(ext, hotkey, netuid)))
        total = total.saturating_add(alpha.saturating_mul(pool.alpha_price(ext, netuid)))
    return total.saturating_to_int()


@subtensor.call(CALL_INDICES["add_stake"],
                [_HOTKEY, _NETUID, ("amount_staked", TaoBalance, "TaoBalance")],
                weight=ADD_STAKE_WEIGHT)
def add_stake(ext: Externalities, origin: Origin, hotkey: bytes, netuid: int,
              amount_staked: int) -> None:
    """Stake ``amount_staked`` rao of the caller's TAO on ``hotkey`` in ``netuid`` (§4.3).

    Origin: signed by the coldkey.
    Checks, in order: amount ≤ 1000 × SubnetTAO on a dynamic subnet (InsufficientLiquidity);
    then :func:`validate.validate_add_stake` with no slippage limit.
    Effects: the TAO (kept alive) moves to the subnet account, buys alpha at any price, the
    alpha is credited to (hotkey, coldkey); the fee goes to the block author.
    Events: ``StakeAdded(coldkey, hotkey, tao, alpha, netuid, fee)``.
    Errors: InsufficientLiquidity, SubnetNotExists, SubtokenDisabled, AmountTooLow,
    NotEnoughBalanceToStake, HotKeyAccountNotExists, InsufficientBalance; BadOrigin.
    """
    do_add_stake(ext, ensure_signed(origin), hotkey, netuid, amount_staked, None, False)


@subtensor.call(CALL_INDICES["remove_stake"],
                [_HOTKEY, _NETUID, ("amount_unstaked", AlphaBalance, "AlphaBalance")],
                weight=REMOVE_STAKE_WEIGHT)
def remove_stake(ext: Externalities, origin: Origin, hotkey: bytes, netuid: int,
                 amount_unstaked: int) -> None:
    """Sell up to ``amount_unstaked`` alpha of the caller's stake on ``hotkey`` (§4.3).

    Origin: signed by the coldkey.
    Checks, in order: SubtokenDisabled; the amount is capped at the stake held; ≤ 1000 ×
    SubnetAlphaIn on a dynamic subnet (InsufficientLiquidity); then
    :func:`validate.validate_remove_stake`.
    Effects: the alpha is sold at any price, the TAO paid to the coldkey, the fee (alpha,
    swapped fee-free) to the author; a non-owner's remainder below the nominator minimum is
    unstaked too; if the hotkey's total stake (TAO value) is then below StakeThreshold its
    pending child keys are dropped on every subnet.
    Events: ``StakeRemoved(coldkey, hotkey, tao, alpha, netuid, fee)`` (twice when cleared).
    Errors: SubtokenDisabled, InsufficientLiquidity, SubnetNotExists, AmountTooLow,
    NotEnoughStakeToWithdraw, HotKeyAccountNotExists; BadOrigin.
    """
    do_remove_stake(ext, ensure_signed(origin), hotkey, netuid, amount_unstaked, None, False)


@subtensor.call(CALL_INDICES["add_stake_limit"],
                [_HOTKEY, _NETUID, ("amount_staked", TaoBalance, "TaoBalance"), *_LIMIT],
                weight=ADD_STAKE_LIMIT_WEIGHT)
def add_stake_limit(ext: Externalities, origin: Origin, hotkey: bytes, netuid: int,
                    amount_staked: int, limit_price: int, allow_partial: bool) -> None:
    """add_stake that never buys above ``limit_price`` rao per alpha (§4.3 "*_limit").

    Origin: signed by the coldkey.
    Checks, in order: input limit (InsufficientLiquidity); the executable maximum (a
    simulated buy of 1000 × SubnetTAO up to the limit; u64::MAX or 0 at price 1 on stable
    subnets; the swap's PriceLimitExceeded when the price is already past it); then
    :func:`validate.validate_add_stake` — SlippageTooHigh when the amount exceeds the maximum
    and ``allow_partial`` is false.
    Effects: a hotkey the caller does not own becomes a delegate (default take) if it is
    not one; then as add_stake with min(amount, maximum) and the limit price.
    Events: ``StakeAdded``. Errors: those of add_stake, SlippageTooHigh, PriceLimitExceeded.
    """
    do_add_stake(ext, ensure_signed(origin), hotkey, netuid, amount_staked, limit_price,
                 allow_partial)


@subtensor.call(CALL_INDICES["remove_stake_limit"],
                [_HOTKEY, _NETUID, ("amount_unstaked", AlphaBalance, "AlphaBalance"), *_LIMIT],
                weight=REMOVE_STAKE_LIMIT_WEIGHT)
def remove_stake_limit(ext: Externalities, origin: Origin, hotkey: bytes, netuid: int,
                       amount_unstaked: int, limit_price: int, allow_partial: bool) -> None:
    """remove_stake that never sells below ``limit_price`` rao per alpha (§4.3 "*_limit").

    Origin: signed by the coldkey.
    Checks, in order: input limit (InsufficientLiquidity); the executable maximum (simulated
    sale of 1000 × SubnetAlphaIn down to the limit); :func:`validate.validate_remove_stake`
    (SlippageTooHigh when not partial and over the maximum). The amount is not capped.
    Effects: as remove_stake with min(amount, maximum) and the limit price.
    Events: ``StakeRemoved``. Errors: those of remove_stake, SlippageTooHigh.
    """
    do_remove_stake(ext, ensure_signed(origin), hotkey, netuid, amount_unstaked, limit_price,
                    allow_partial)


@subtensor.call(CALL_INDICES["remove_stake_full_limit"],
                [_HOTKEY, _NETUID, ("limit_price", Option(TaoBalance), "Option<TaoBalance>")],
                weight=REMOVE_STAKE_FULL_LIMIT_WEIGHT)
def remove_stake_full_limit(ext: Externalities, origin: Origin, hotkey: bytes, netuid: int,
                            limit_price: int | None) -> None:
    """Unstake everything the caller holds on ``hotkey`` in ``netuid`` (§4.3).

    Origin: signed by the coldkey. With a limit: remove_stake_limit (not partial) of the
    whole stake; without: remove_stake of it. Checks, effects, events and errors are theirs.
    """
    coldkey = ensure_signed(origin)
    alpha = shares.stake_of(ext, hotkey, coldkey, netuid)
    do_remove_stake(ext, coldkey, hotkey, netuid, alpha, limit_price, False)


def _unstake_everywhere(ext: Externalities, coldkey: bytes, hotkey: bytes,
                        only_alpha: bool) -> int:
    """Sell the caller's stake on every subnet with subtoken enabled (root skipped when
    ``only_alpha``) whose removal validates; returns the TAO received."""
    if not st.Owner.contains(ext, hotkey):
        raise errors.HotKeyAccountNotExists()
    total = 0
    for netuid in _subnets(ext):
        if not st.SubtokenEnabled.get(ext, netuid) or (only_alpha and netuid == ROOT_NETUID):
            continue
        alpha = shares.stake_of(ext, hotkey, coldkey, netuid)
        try:
            validate.validate_remove_stake(ext, coldkey, hotkey, netuid, alpha, alpha, False)
        except DispatchError:
            continue
        total += flows.unstake_from_subnet(ext, hotkey, coldkey, netuid, alpha)
        flows.clear_small_nomination(ext, hotkey, coldkey, netuid)
    return total


@subtensor.call(CALL_INDICES["unstake_all"], [_HOTKEY], weight=UNSTAKE_ALL_WEIGHT)
def unstake_all(ext: Externalities, origin: Origin, hotkey: bytes) -> None:
    """Sell all of the caller's stake on ``hotkey`` on every subnet, root included (§4.3).

    Origin: signed by the coldkey.
    Checks: HotKeyAccountNotExists; per subnet, subnets with subtoken disabled or whose
    removal does not validate are skipped.
    Effects, events: one unstake (``StakeRemoved``) per subnet, TAO to the coldkey.
    Errors: HotKeyAccountNotExists; a sale's error aborts everything; BadOrigin.
    """
    _unstake_everywhere(ext, ensure_signed(origin), hotkey, False)


@subtensor.call(CALL_INDICES["unstake_all_alpha"], [_HOTKEY], weight=UNSTAKE_ALL_ALPHA_WEIGHT)
def unstake_all_alpha(ext: Externalities, origin: Origin, hotkey: bytes) -> None:
    """Sell the caller's stake on ``hotkey`` on every non-root subnet and stake the TAO on
    root with the same hotkey (§4.3).

    Origin: signed by the coldkey.
    Checks: HotKeyAccountNotExists; subnets as in unstake_all.
    Effects, events: ``StakeRemoved`` per subnet, then ``StakeAdded`` on root.
    Errors: HotKeyAccountNotExists; AmountTooLow when nothing was unstaked (the root stake
    buys nothing); BadOrigin.
    """
    coldkey = ensure_signed(origin)
    total = _unstake_everywhere(ext, coldkey, hotkey, True)
    flows.stake_into_subnet(ext, hotkey, coldkey, ROOT_NETUID, total, MAX_PRICE_RAO)
