"""SubtensorModule move_stake (85), transfer_stake (86), swap_stake (87) and
swap_stake_limit (90) (spec §4.3 "move_stake / swap_stake / transfer_stake", §6.1).

Reference (subtensor 14bc6f9): ``staking/move_stake.rs`` (``transition_stake_internal``,
``get_max_amount_move``) and the dispatchables in ``macros/dispatches.rs``.
"""

from __future__ import annotations

from runtime.frame.dispatch import Origin, ensure_signed
from runtime.frame.system import deposit_event
from runtime.pallets.subtensor import events
from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.calls.weights import db_weight
from runtime.pallets.subtensor.pallet import CALL_INDICES, subtensor
from runtime.pallets.subtensor.staking import accounts, flows, pool, shares, validate
from runtime.pallets.subtensor.staking.validate import Transition
from runtime.pallets.subtensor.types import AlphaBalance, NetUid, TaoBalance
from runtime.pallets.swap_math.swap import MAX_PRICE_RAO, MIN_PRICE_RAO
from runtime.primitives.externalities import Externalities
from runtime.primitives.fixed import U64F64
from runtime.primitives.scale import Bool
from runtime.primitives.scale.common import AccountId32

ROOT_NETUID = 0
U64_MAX = (1 << 64) - 1
ONE_TAO = 1_000_000_000
_ACCOUNT = "T::AccountId"
_NETUIDS = [("origin_netuid", NetUid, "NetUid"), ("destination_netuid", NetUid, "NetUid")]
_ALPHA = ("alpha_amount", AlphaBalance, "AlphaBalance")

MOVE_STAKE_WEIGHT = db_weight(216_061_000, 7919, 19, 7)
TRANSFER_STAKE_WEIGHT = db_weight(258_541_000, 7994, 19, 6)
SWAP_STAKE_WEIGHT = db_weight(742_019_000, 10920, 47, 24)
SWAP_STAKE_LIMIT_WEIGHT = db_weight(944_515_000, 11077, 47, 24)


def max_amount_move(ext: Externalities, origin_netuid: int, destination_netuid: int,
                    limit_price: int) -> int:
    """``get_max_amount_move``: alpha movable while the origin/destination price ratio stays
    ≥ ``limit_price`` / 10^9. Both stable: all or nothing by limit ≤ 10^9; a stable side
    otherwise reduces to a one-sided limit; two pools: all when the current ratio is above
    the reserves (:func:`_max_amount_between_pools`)."""
    origin_dynamic = pool.is_dynamic(ext, origin_netuid)
    destination_dynamic = pool.is_dynamic(ext, destination_netuid)
    if not origin_dynamic and not destination_dynamic:
        return 0 if limit_price > ONE_TAO else U64_MAX
    if not origin_dynamic:
        if limit_price == 0:
            return U64_MAX
        one = U64F64.saturating_from_num(ONE_TAO)
        target = one.safe_div(U64F64.saturating_from_num(limit_price)).saturating_mul(one)
        return pool.max_amount_add(ext, destination_netuid, target.saturating_to_int())
    if not destination_dynamic:
        return pool.max_amount_remove(ext, origin_netuid, limit_price)
    return _max_amount_between_pools(ext, origin_netuid, destination_netuid, limit_price)


def _fixed(value: int) -> U64F64:
    return U64F64.saturating_from_num(value)


def _max_amount_between_pools(ext: Externalities, origin_netuid: int, destination_netuid: int,
                              limit_price: int) -> int:
    """Two dynamic pools: 0 when a reserve is empty or the price ratio is below the limit;
    all when the limit is 0; else α2·t1/(t1+t2) / limit − α1·t2/(t1+t2) in U64F64."""
    tao_1, tao_2 = int(st.SubnetTAO.get(ext, origin_netuid)), int(
        st.SubnetTAO.get(ext, destination_netuid))
    alpha_1, alpha_2 = int(st.SubnetAlphaIn.get(ext, origin_netuid)), int(
        st.SubnetAlphaIn.get(ext, destination_netuid))
    if 0 in (tao_1, tao_2, alpha_1, alpha_2):
        return 0
    limit = _fixed(limit_price).checked_div(_fixed(ONE_TAO)) or U64F64.ZERO
    ratio = pool.alpha_price(ext, origin_netuid).safe_div(pool.alpha_price(ext, destination_netuid))
    if limit > ratio:
        return 0
    if limit_price == 0:
        return U64_MAX
    tao_sum = _fixed(tao_2).saturating_add(_fixed(tao_1))
    share_1, share_2 = _fixed(tao_1).safe_div(tao_sum), _fixed(tao_2).safe_div(tao_sum)
    result = _fixed(alpha_2).saturating_mul(share_1).safe_div(limit).saturating_sub(
        _fixed(alpha_1).saturating_mul(share_2))
    return result.saturating_to_int()


def transition(ext: Externalities, move: Transition, limit_price: int | None,
               allow_partial: bool | None, check_transfer_toggle: bool) -> int:
    """``transition_stake_internal``: cap the amount at the stake held, validate, then either
    transfer shares within one subnet or unstake (fee-free from root), hand the TAO to the
    destination coldkey and restake it when it is at least DefaultMinStake (a hotkey the
    destination coldkey does not own becomes a delegate first; the destination buy pays the
    fee unless the origin is root).
    Returns the TAO moved (or its spot equivalent within one subnet)."""
    held = shares.stake_of(ext, move.origin_hotkey, move.origin_coldkey, move.origin_netuid)
    alpha = min(move.alpha, held)
    crossing = move.origin_netuid != move.destination_netuid
    max_amount = alpha
    if crossing and limit_price is not None:
        max_amount = max_amount_move(ext, move.origin_netuid, move.destination_netuid,
                                     limit_price)
    capped = Transition(move.origin_coldkey, move.destination_coldkey, move.origin_hotkey,
                        move.destination_hotkey, move.origin_netuid, move.destination_netuid,
                        alpha)
    validate.validate_stake_transition(ext, capped, max_amount, allow_partial,
                                       check_transfer_toggle)
    amount = min(alpha, max_amount)
    if not crossing:
        return flows.transfer_stake_within_subnet(
            ext, (move.origin_coldkey, move.origin_hotkey),
            (move.destination_coldkey, move.destination_hotkey), move.origin_netuid, amount)
    from_root = move.origin_netuid == ROOT_NETUID
    tao = flows.unstake_from_subnet(ext, move.origin_hotkey, move.origin_coldkey,
                                    move.origin_netuid, amount, MIN_PRICE_RAO, from_root)
    if move.origin_coldkey != move.destination_coldkey:
        accounts.transfer_tao(ext, move.origin_coldkey, move.destination_coldkey, tao)
    if tao >= flows.DEFAULT_MIN_STAKE:
        if not flows.accounts_owns(ext, move.destination_coldkey, move.destination_hotkey):
            flows.maybe_become_delegate(ext, move.destination_hotkey)
        flows.stake_into_subnet(ext, move.destination_hotkey, move.destination_coldkey,
                                move.destination_netuid, tao, MAX_PRICE_RAO, not from_root)
    return tao


@subtensor.call(CALL_INDICES["move_stake"],
                [("origin_hotkey", AccountId32, _ACCOUNT),
                 ("destination_hotkey", AccountId32, _ACCOUNT), *_NETUIDS, _ALPHA],
                weight=MOVE_STAKE_WEIGHT)
def move_stake(ext: Externalities, origin: Origin, origin_hotkey: bytes,
               destination_hotkey: bytes, origin_netuid: int, destination_netuid: int,
               alpha_amount: int) -> None:
    """Move the caller's stake to another hotkey and/or subnet (§4.3).

    Origin: signed by the coldkey.
    Checks, in order (:func:`validate.validate_stake_transition`): SameNetuid (same hotkey
    and subnet), SubnetNotExists, SubtokenDisabled, HotKeyAccountNotExists,
    NotEnoughStakeToWithdraw; across subnets InsufficientLiquidity and AmountTooLow (TAO
    out ≤ DefaultMinStake); within one subnet AmountTooLow (worth < DefaultMinStake).
    Effects: :func:`transition`. Events: ``StakeRemoved``/``StakeAdded`` then
    ``StakeMoved(coldkey, origin_hotkey, origin_netuid, destination_hotkey,
    destination_netuid, tao)``.
    """
    coldkey = ensure_signed(origin)
    tao = transition(ext, Transition(coldkey, coldkey, origin_hotkey, destination_hotkey,
                                     origin_netuid, destination_netuid, alpha_amount),
                     None, None, False)
    deposit_event(ext, events.StakeMoved(coldkey, origin_hotkey, origin_netuid,
                                         destination_hotkey, destination_netuid, tao))


@subtensor.call(CALL_INDICES["transfer_stake"],
                [("destination_coldkey", AccountId32, _ACCOUNT), ("hotkey", AccountId32, _ACCOUNT),
                 *_NETUIDS, _ALPHA],
                weight=TRANSFER_STAKE_WEIGHT)
def transfer_stake(ext: Externalities, origin: Origin, destination_coldkey: bytes,
                   hotkey: bytes, origin_netuid: int, destination_netuid: int,
                   alpha_amount: int) -> None:
    """Give the caller's stake on ``hotkey`` to ``destination_coldkey`` (§4.3).

    Origin: signed by the coldkey.
    Checks: those of move_stake, then TransferDisallowed when ``TransferToggle`` is off on
    the origin (or destination) subnet.
    Effects: :func:`transition` with the coldkey changed (across subnets the TAO passes
    through the destination coldkey's balance).
    Events: ``StakeTransferred(origin_coldkey, destination_coldkey, hotkey, origin_netuid,
    destination_netuid, tao)``.
    """
    coldkey = ensure_signed(origin)
    tao = transition(ext, Transition(coldkey, destination_coldkey, hotkey, hotkey,
                                     origin_netuid, destination_netuid, alpha_amount),
                     None, None, True)
    deposit_event(ext, events.StakeTransferred(coldkey, destination_coldkey, hotkey,
                                               origin_netuid, destination_netuid, tao))


@subtensor.call(CALL_INDICES["swap_stake"], [("hotkey", AccountId32, _ACCOUNT), *_NETUIDS,
                                              _ALPHA], weight=SWAP_STAKE_WEIGHT)
def swap_stake(ext: Externalities, origin: Origin, hotkey: bytes, origin_netuid: int,
               destination_netuid: int, alpha_amount: int) -> None:
    """Move the caller's stake on ``hotkey`` from one subnet to another (§4.3).

    Origin: signed by the coldkey. Checks and effects: those of move_stake with the same
    hotkey (SameNetuid when the subnets are equal).
    Events: ``StakeSwapped(coldkey, hotkey, origin_netuid, destination_netuid, tao)``.
    """
    coldkey = ensure_signed(origin)
    tao = transition(ext, Transition(coldkey, coldkey, hotkey, hotkey, origin_netuid,
                                     destination_netuid, alpha_amount), None, None, False)
    deposit_event(ext, events.StakeSwapped(coldkey, hotkey, origin_netuid, destination_netuid,
                                           tao))


@subtensor.call(CALL_INDICES["swap_stake_limit"],
                [("hotkey", AccountId32, _ACCOUNT), *_NETUIDS, _ALPHA,
                 ("limit_price", TaoBalance, "TaoBalance"), ("allow_partial", Bool, "bool")],
                weight=SWAP_STAKE_LIMIT_WEIGHT)
def swap_stake_limit(ext: Externalities, origin: Origin, hotkey: bytes, origin_netuid: int,
                     destination_netuid: int, alpha_amount: int, limit_price: int,
                     allow_partial: bool) -> None:
    """swap_stake bounded by the origin/destination price ratio ``limit_price`` / 10^9.

    Origin: signed by the coldkey. Checks: those of swap_stake; the executable maximum is
    :func:`max_amount_move`; SlippageTooHigh when the amount exceeds it and
    ``allow_partial`` is false. Effects: swap_stake of min(amount, maximum).
    Events: ``StakeSwapped``.
    """
    coldkey = ensure_signed(origin)
    tao = transition(ext, Transition(coldkey, coldkey, hotkey, hotkey, origin_netuid,
                                     destination_netuid, alpha_amount),
                     limit_price, allow_partial, False)
    deposit_event(ext, events.StakeSwapped(coldkey, hotkey, origin_netuid, destination_netuid,
                                           tao))
