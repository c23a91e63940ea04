"""The checks a staking call makes before it changes anything (spec §4.3).

Reference (subtensor 14bc6f9): ``staking/stake_utils.rs`` (``validate_add_stake``,
``validate_remove_stake``, ``validate_stake_transition``, ``calculate_reduced_stake_on_
subnet``) and ``staking/helpers.rs`` (``ensure_subtoken_enabled``). Each check raises the
reference's error, in the reference's order. Conviction locks are not checked here.
"""

from __future__ import annotations

from dataclasses import dataclass

from runtime.frame.dispatch import DispatchError
from runtime.pallets.subtensor import errors
from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.staking import accounts, pool, shares
from runtime.pallets.subtensor.staking.flows import DEFAULT_MIN_STAKE
from runtime.pallets.swap_math.swap import fee_amount
from runtime.primitives.externalities import Externalities


def subnet_exists(ext: Externalities, netuid: int) -> bool:
    """``if_subnet_exist``: ``NetworksAdded[netuid]``."""
    return bool(st.NetworksAdded.get(ext, netuid))


def ensure_subtoken_enabled(ext: Externalities, netuid: int) -> None:
    """``ensure_subtoken_enabled``: ``SubtokenEnabled[netuid]`` else ``SubtokenDisabled``."""
    if not st.SubtokenEnabled.get(ext, netuid):
        raise errors.SubtokenDisabled()


def min_add_amount(ext: Externalities, netuid: int) -> int:
    """DefaultMinStake plus the fee a buy of DefaultMinStake would pay (the approximate fee
    at the pool's rate when that simulation fails)."""
    try:
        fee = pool.sim_buy(ext, netuid, DEFAULT_MIN_STAKE).fee_paid
    except DispatchError:
        fee = fee_amount(DEFAULT_MIN_STAKE, pool.pool_state(ext, netuid).fee_rate)
    return DEFAULT_MIN_STAKE + fee


def validate_add_stake(ext: Externalities, coldkey: bytes, hotkey: bytes, netuid: int,
                       amount: int, max_amount: int, allow_partial: bool) -> None:
    """SubnetNotExists, SubtokenDisabled, AmountTooLow (< min + fee), SlippageTooHigh (not
    partial and amount > max), NotEnoughBalanceToStake, HotKeyAccountNotExists,
    InsufficientLiquidity (simulation fails), AmountTooLow (net TAO < min),
    InsufficientLiquidity (no alpha out, or the pool cannot take it)."""
    if not subnet_exists(ext, netuid):
        raise errors.SubnetNotExists()
    ensure_subtoken_enabled(ext, netuid)
    if amount < min_add_amount(ext, netuid):
        raise errors.AmountTooLow()
    if not allow_partial and amount > max_amount:
        raise errors.SlippageTooHigh()
    amount = min(amount, max_amount)
    if not accounts.can_remove_balance(ext, coldkey, amount):
        raise errors.NotEnoughBalanceToStake()
    if not st.Owner.contains(ext, hotkey):
        raise errors.HotKeyAccountNotExists()
    try:
        result = pool.sim_buy(ext, netuid, amount)
    except DispatchError as refusal:
        raise errors.InsufficientLiquidity() from refusal
    if result.amount_paid_in < DEFAULT_MIN_STAKE:
        raise errors.AmountTooLow()
    if result.amount_paid_out == 0 or not shares.can_increase(ext, hotkey, netuid,
                                                              result.amount_paid_out):
        raise errors.InsufficientLiquidity()


def validate_remove_stake(ext: Externalities, coldkey: bytes, hotkey: bytes, netuid: int,
                          alpha: int, max_amount: int, allow_partial: bool) -> None:
    """SubnetNotExists, AmountTooLow (zero), NotEnoughStakeToWithdraw (more than held),
    InsufficientLiquidity (simulation fails), AmountTooLow (stake would remain and the TAO
    out < DefaultMinStake), SlippageTooHigh, HotKeyAccountNotExists."""
    if not subnet_exists(ext, netuid):
        raise errors.SubnetNotExists()
    if alpha == 0:
        raise errors.AmountTooLow()
    held = shares.stake_of(ext, hotkey, coldkey, netuid)
    if held < alpha:
        raise errors.NotEnoughStakeToWithdraw()
    try:
        result = pool.sim_sell(ext, netuid, alpha)
    except DispatchError as refusal:
        raise errors.InsufficientLiquidity() from refusal
    if held - alpha and result.amount_paid_out < DEFAULT_MIN_STAKE:
        raise errors.AmountTooLow()
    if not allow_partial and alpha > max_amount:
        raise errors.SlippageTooHigh()
    if not st.Owner.contains(ext, hotkey):
        raise errors.HotKeyAccountNotExists()


@dataclass(frozen=True, slots=True)
class Transition:
    """A stake move: who gives, who receives, between which subnets, and how much."""

    origin_coldkey: bytes
    destination_coldkey: bytes
    origin_hotkey: bytes
    destination_hotkey: bytes
    origin_netuid: int
    destination_netuid: int
    alpha: int


def _netuids(move: Transition) -> tuple[int, ...]:
    """The origin subnet, then the destination subnet when it differs."""
    if move.origin_netuid == move.destination_netuid:
        return (move.origin_netuid,)
    return (move.origin_netuid, move.destination_netuid)


def _check_subnets(ext: Externalities, move: Transition) -> None:
    """SameNetuid, SubnetNotExists (origin, then destination), SubtokenDisabled (both)."""
    same_keys = (move.origin_coldkey == move.destination_coldkey
                 and move.origin_hotkey == move.destination_hotkey)
    if same_keys and move.origin_netuid == move.destination_netuid:
        raise errors.SameNetuid()
    for netuid in _netuids(move):
        if not subnet_exists(ext, netuid):
            raise errors.SubnetNotExists()
    for netuid in (move.origin_netuid, move.destination_netuid):
        ensure_subtoken_enabled(ext, netuid)


def validate_stake_transition(ext: Externalities, move: Transition, max_amount: int,
                              allow_partial: bool | None, check_transfer_toggle: bool) -> None:
    """Subnet checks, HotKeyAccountNotExists (origin, destination), NotEnoughStakeToWithdraw,
    across subnets InsufficientLiquidity / AmountTooLow (TAO out ≤ DefaultMinStake) /
    SlippageTooHigh, then TransferDisallowed when transfers are checked."""
    _check_subnets(ext, move)
    for hotkey in (move.origin_hotkey, move.destination_hotkey):
        if not st.Owner.contains(ext, hotkey):
            raise errors.HotKeyAccountNotExists()
    held = shares.stake_of(ext, move.origin_hotkey, move.origin_coldkey, move.origin_netuid)
    if move.alpha > held:
        raise errors.NotEnoughStakeToWithdraw()
    crossing = move.origin_netuid != move.destination_netuid
    if crossing:
        try:
            tao = pool.sim_sell(ext, move.origin_netuid, move.alpha).amount_paid_out
        except DispatchError as refusal:
            raise errors.InsufficientLiquidity() from refusal
        if tao <= DEFAULT_MIN_STAKE:
            raise errors.AmountTooLow()
        if allow_partial is False and move.alpha > max_amount:
            raise errors.SlippageTooHigh()
    if check_transfer_toggle:
        for netuid in _netuids(move):
            if not st.TransferToggle.get(ext, netuid):
                raise errors.TransferDisallowed()
