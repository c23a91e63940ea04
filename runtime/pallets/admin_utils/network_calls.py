"""AdminUtils setters of registration, difficulty, network and epoch settings (spec §5, §7).

Each mirrors the call of the same name in ``pallets/admin-utils/src/lib.rs`` at subtensor
14bc6f9 and writes through the SubtensorModule setter it names (``utils/misc.rs``,
``coinbase/root.rs``, ``subnets/subnet.rs``), emitting that setter's event. Difficulty and
registration-interval values are legacy on non-root subnets but still stored and reported.
"""

from __future__ import annotations

from typing import Any

from runtime.frame.dispatch import Root, ensure_root
from runtime.frame.system import deposit_event
from runtime.pallets.admin_utils import guards
from runtime.pallets.admin_utils import pallet as au
from runtime.pallets.admin_utils.pallet import admin_utils, db_weight
from runtime.pallets.subtensor import events as ev
from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.types import NetUid, TaoBalance
from runtime.primitives.externalities import Externalities
from runtime.primitives.scale import I16, U8, U16, U64, Bool

_NETUID = ("netuid", NetUid, "NetUid")
_SIMPLE_WRITE = db_weight(14_000_000, 0, 0, 1)
"""``Weight::from_parts(14_000_000, 0) + writes(1)``, the hand-written weight of several calls."""


def _root_subnet(ext: Externalities, origin: Any, netuid: int, *, window: bool) -> None:
    """Root, then (if ``window``) the freeze window, then the subnet exists."""
    ensure_root(origin)
    if window:
        guards.ensure_admin_window_open(ext, netuid)
    guards.ensure_subnet_exists(ext, netuid)


def _owner_subnet(ext: Externalities, origin: Any, netuid: int, limit: str) -> bytes | None:
    """Owner-or-root with the owner limit, the freeze window, then the subnet exists."""
    owner = guards.ensure_sn_owner_or_root_with_limits(origin, ext, netuid, [limit])
    guards.ensure_admin_window_open(ext, netuid)
    guards.ensure_subnet_exists(ext, netuid)
    return owner


@admin_utils.call(4, [_NETUID, ("min_difficulty", U64, "u64")],
                  weight=db_weight(34_554_000, 4383, 5, 1))
def sudo_set_min_difficulty(ext: Externalities, origin: Any, netuid: int,
                            min_difficulty: int) -> None:
    """Set ``MinDifficulty[netuid]``. Origin: root. Checks: root, freeze window, subnet exists.
    Events: MinDifficultySet. Errors: BadOrigin, AdminActionProhibitedDuringWeightsWindow,
    SubnetDoesNotExist."""
    _root_subnet(ext, origin, netuid, window=True)
    st.MinDifficulty.insert(ext, netuid, min_difficulty)
    deposit_event(ext, ev.MinDifficultySet(netuid, min_difficulty))


@admin_utils.call(5, [_NETUID, ("max_difficulty", U64, "u64")],
                  weight=db_weight(34_704_000, 4383, 5, 1))
def sudo_set_max_difficulty(ext: Externalities, origin: Any, netuid: int,
                            max_difficulty: int) -> None:
    """Set ``MaxDifficulty[netuid]``. Origin: root or owner (rate-limited). Checks: origin,
    limit, freeze window, subnet exists. Events: MaxDifficultySet. Errors: BadOrigin,
    TxRateLimitExceeded, AdminActionProhibitedDuringWeightsWindow, SubnetDoesNotExist."""
    owner = _owner_subnet(ext, origin, netuid, "MaxDifficulty")
    st.MaxDifficulty.insert(ext, netuid, max_difficulty)
    deposit_event(ext, ev.MaxDifficultySet(netuid, max_difficulty))
    guards.record_owner_rl(ext, owner, netuid, ["MaxDifficulty"])


@admin_utils.call(9, [_NETUID, ("adjustment_alpha", U64, "u64")],
                  weight=db_weight(14_000_000, 0, 1, 1))
def sudo_set_adjustment_alpha(ext: Externalities, origin: Any, netuid: int,
                              adjustment_alpha: int) -> None:
    """Set ``AdjustmentAlpha[netuid]``. Origin: root or owner (rate-limited). Checks: origin,
    limit, freeze window, subnet exists. Events: AdjustmentAlphaSet. Errors: BadOrigin,
    TxRateLimitExceeded, AdminActionProhibitedDuringWeightsWindow, SubnetDoesNotExist."""
    owner = _owner_subnet(ext, origin, netuid, "AdjustmentAlpha")
    st.AdjustmentAlpha.insert(ext, netuid, adjustment_alpha)
    deposit_event(ext, ev.AdjustmentAlphaSet(netuid, adjustment_alpha))
    guards.record_owner_rl(ext, owner, netuid, ["AdjustmentAlpha"])


@admin_utils.call(20, [_NETUID, ("registration_allowed", Bool, "bool")], weight=_SIMPLE_WRITE)
def sudo_set_network_pow_registration_allowed(ext: Externalities, origin: Any, netuid: int,
                                              registration_allowed: bool) -> None:
    """Proof-of-work registration is gone. Origin: any (not checked). Errors: always
    POWRegistrationDisabled; nothing is written."""
    raise au.POWRegistrationDisabled()


@admin_utils.call(21, [_NETUID, ("target_registrations_per_interval", U16, "u16")],
                  weight=db_weight(34_103_000, 4383, 5, 1))
def sudo_set_target_registrations_per_interval(ext: Externalities, origin: Any, netuid: int,
                                               target_registrations_per_interval: int) -> None:
    """Set ``TargetRegistrationsPerInterval[netuid]``. Origin: root. Checks: root, freeze
    window, subnet exists. Events: RegistrationPerIntervalSet. Errors: BadOrigin,
    AdminActionProhibitedDuringWeightsWindow, SubnetDoesNotExist."""
    _root_subnet(ext, origin, netuid, window=True)
    st.TargetRegistrationsPerInterval.insert(ext, netuid, target_registrations_per_interval)
    deposit_event(ext, ev.RegistrationPerIntervalSet(netuid, target_registrations_per_interval))


@admin_utils.call(24, [_NETUID, ("difficulty", U64, "u64")],
                  weight=db_weight(34_434_000, 4383, 5, 1))
def sudo_set_difficulty(ext: Externalities, origin: Any, netuid: int, difficulty: int) -> None:
    """Set ``Difficulty[netuid]``. Origin: root. Checks: root, freeze window, subnet exists.
    Events: DifficultySet. Errors: BadOrigin, AdminActionProhibitedDuringWeightsWindow,
    SubnetDoesNotExist."""
    _root_subnet(ext, origin, netuid, window=True)
    st.Difficulty.insert(ext, netuid, difficulty)
    deposit_event(ext, ev.DifficultySet(netuid, difficulty))


@admin_utils.call(27, [_NETUID, ("max_registrations_per_block", U16, "u16")],
                  weight=db_weight(34_604_000, 4383, 5, 1))
def sudo_set_max_registrations_per_block(ext: Externalities, origin: Any, netuid: int,
                                         max_registrations_per_block: int) -> None:
    """Set ``MaxRegistrationsPerBlock[netuid]``. Origin: root. Checks: root, freeze window,
    subnet exists. Events: MaxRegistrationsPerBlockSet. Errors: BadOrigin,
    AdminActionProhibitedDuringWeightsWindow, SubnetDoesNotExist."""
    _root_subnet(ext, origin, netuid, window=True)
    st.MaxRegistrationsPerBlock.insert(ext, netuid, max_registrations_per_block)
    deposit_event(ext, ev.MaxRegistrationsPerBlockSet(netuid, max_registrations_per_block))


@admin_utils.call(39, [_NETUID, ("rao_recycled", TaoBalance, "TaoBalance")],
                  weight=db_weight(16_541_000, 4084, 1, 1))
def sudo_set_rao_recycled(ext: Externalities, origin: Any, netuid: int,
                          rao_recycled: int) -> None:
    """Set ``RAORecycledForRegistration[netuid]``. Origin: root. Checks: root, subnet exists.
    Events: RAORecycledForRegistrationSet. Errors: BadOrigin, SubnetDoesNotExist."""
    _root_subnet(ext, origin, netuid, window=False)
    st.RAORecycledForRegistration.insert(ext, netuid, rao_recycled)
    deposit_event(ext, ev.RAORecycledForRegistrationSet(netuid, rao_recycled))


@admin_utils.call(65, [_NETUID, ("ema_halving", U64, "u64")],
                  weight=db_weight(4_198_000, 0, 0, 1))
def sudo_set_ema_price_halving_period(ext: Externalities, origin: Any, netuid: int,
                                      ema_halving: int) -> None:
    """Set ``EMAPriceHalvingBlocks[netuid]``. Origin: root. Checks: root only. Events: none.
    Errors: BadOrigin."""
    ensure_root(origin)
    st.EMAPriceHalvingBlocks.insert(ext, netuid, ema_halving)


@admin_utils.call(68, [_NETUID, ("steepness", I16, "i16")],
                  weight=db_weight(31_438_000, 4383, 5, 1))
def sudo_set_alpha_sigmoid_steepness(ext: Externalities, origin: Any, netuid: int,
                                     steepness: int) -> None:
    """Set ``AlphaSigmoidSteepness[netuid]``.

    Origin: root or owner (rate-limited). Checks: origin, limit, freeze window, subnet exists,
    steepness ≥ 0 unless root (NegativeSigmoidSteepness). Events: none.
    """
    owner = _owner_subnet(ext, origin, netuid, "AlphaSigmoidSteepness")
    if not isinstance(origin, Root) and steepness < 0:
        raise au.NegativeSigmoidSteepness()
    st.AlphaSigmoidSteepness.insert(ext, netuid, steepness)
    guards.record_owner_rl(ext, owner, netuid, ["AlphaSigmoidSteepness"])


@admin_utils.call(79, [_NETUID, ("min_allowed_uids", U16, "u16")],
                  weight=db_weight(37_890_000, 4383, 7, 1))
def sudo_set_min_allowed_uids(ext: Externalities, origin: Any, netuid: int,
                              min_allowed_uids: int) -> None:
    """Set ``MinAllowedUids[netuid]``.

    Origin: root. Checks: root, freeze window, subnet exists, value < MaxAllowedUids
    (MinAllowedUidsGreaterThanMaxAllowedUids), value < SubnetworkN
    (MinAllowedUidsGreaterThanCurrentUids). Events: MinAllowedUidsSet.
    """
    _root_subnet(ext, origin, netuid, window=True)
    if min_allowed_uids >= st.MaxAllowedUids.get(ext, netuid):
        raise au.MinAllowedUidsGreaterThanMaxAllowedUids()
    if min_allowed_uids >= st.SubnetworkN.get(ext, netuid):
        raise au.MinAllowedUidsGreaterThanCurrentUids()
    st.MinAllowedUids.insert(ext, netuid, min_allowed_uids)
    deposit_event(ext, ev.MinAllowedUidsSet(netuid, min_allowed_uids))


@admin_utils.call(84, [_NETUID, ("min", U16, "u16")], weight=db_weight(6_783_000, 0, 0, 1))
def sudo_set_min_non_immune_uids(ext: Externalities, origin: Any, netuid: int,
                                 min: int) -> None:
    """Set ``MinNonImmuneUids[netuid]``. Origin: root. Checks: root only. Events:
    MinNonImmuneUidsSet. Errors: BadOrigin."""
    ensure_root(origin)
    st.MinNonImmuneUids.insert(ext, netuid, min)
    deposit_event(ext, ev.MinNonImmuneUidsSet(netuid, min))


@admin_utils.call(96, [("max_epochs_per_block", U8, "u8")],
                  weight=db_weight(5_530_000, 0, 0, 1))
def sudo_set_max_epochs_per_block(ext: Externalities, origin: Any,
                                  max_epochs_per_block: int) -> None:
    """Set ``MaxEpochsPerBlock``. Origin: root. Checks: root, value ≥ 1 (ValueNotInBounds).
    Events: MaxEpochsPerBlockSet."""
    ensure_root(origin)
    if max_epochs_per_block < 1:
        raise au.ValueNotInBounds()
    st.MaxEpochsPerBlock.insert(ext, max_epochs_per_block)
    deposit_event(ext, ev.MaxEpochsPerBlockSet(max_epochs_per_block))


__all__ = ["sudo_set_adjustment_alpha", "sudo_set_alpha_sigmoid_steepness",
           "sudo_set_difficulty", "sudo_set_ema_price_halving_period",
           "sudo_set_max_difficulty", "sudo_set_max_epochs_per_block",
           "sudo_set_max_registrations_per_block", "sudo_set_min_allowed_uids",
           "sudo_set_min_difficulty", "sudo_set_min_non_immune_uids",
           "sudo_set_network_pow_registration_allowed", "sudo_set_rao_recycled",
           "sudo_set_target_registrations_per_interval"]
