"""AdminUtils setters open to root or the subnet owner (spec §6.1, §7.1).

Each mirrors the call of the same name in ``pallets/admin-utils/src/lib.rs`` at subtensor
14bc6f9. The common order is: ``ensure_sn_owner_or_root_with_limits`` (BadOrigin for anyone
else; TxRateLimitExceeded for an owner inside ``OwnerHyperparamRateLimit`` tempos of the last
change of the same hyperparameter), then ``ensure_admin_window_open``
(AdminActionProhibitedDuringWeightsWindow), then the call's own checks; on success the value is
written to SubtensorModule storage, the SubtensorModule event (if the reference emits one) is
deposited and, for an owner, the change block is recorded.
"""

from __future__ import annotations

from typing import Any

from runtime.frame.system import deposit_event
from runtime.pallets.admin_utils import guards
from runtime.pallets.admin_utils import pallet as au
from runtime.pallets.admin_utils.pallet import WEIGHTS, admin_utils, db_weight
from runtime.pallets.subtensor import constants as C
from runtime.pallets.subtensor import errors
from runtime.pallets.subtensor import events as ev
from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.types import NetUid, TaoBalance
from runtime.primitives.externalities import Externalities
from runtime.primitives.scale import U16, U64, Bool

_NETUID = ("netuid", NetUid, "NetUid")
OWNER_BONDS_MOVING_AVERAGE_MAX = 975_000
MIN_COMMIT_REVEAL_PERIODS = 1
MAX_COMMIT_REVEAL_PERIODS = 100
MIN_IMMUNE_OWNER_UIDS = 1
MAX_IMMUNE_OWNER_UIDS = 10


def _guard(ext: Externalities, origin: Any, netuid: int, limit: str,
           *, exists: bool = True) -> bytes | None:
    """Owner-or-root with the owner limit, the freeze window, then (if asked) existence."""
    owner = guards.ensure_sn_owner_or_root_with_limits(origin, ext, netuid, [limit])
    guards.ensure_admin_window_open(ext, netuid)
    if exists:
        guards.ensure_subnet_exists(ext, netuid)
    return owner


def _set(ext: Externalities, origin: Any, netuid: int, limit: str, item: Any, event: Any,
         value: Any) -> None:
    """The common shape: guard, write ``item[netuid] = value``, emit, record the owner limit."""
    owner = _guard(ext, origin, netuid, limit)
    item.insert(ext, netuid, value)
    if event is not None:
        deposit_event(ext, event(netuid, value))
    guards.record_owner_rl(ext, owner, netuid, [limit])


@admin_utils.call(3, [_NETUID, ("serving_rate_limit", U64, "u64")],
                  weight=WEIGHTS["sudo_set_serving_rate_limit"])
def sudo_set_serving_rate_limit(ext: Externalities, origin: Any, netuid: int,
                                serving_rate_limit: int) -> None:
    """Set ``ServingRateLimit[netuid]``.

    Origin: root or the subnet owner (rate-limited). Checks: origin, owner limit, freeze window
    (no existence check, as the reference). Effects: write. Events: ServingRateLimitSet.
    Errors: BadOrigin, TxRateLimitExceeded, AdminActionProhibitedDuringWeightsWindow.
    """
    owner = _guard(ext, origin, netuid, "ServingRateLimit", exists=False)
    st.ServingRateLimit.insert(ext, netuid, serving_rate_limit)
    deposit_event(ext, ev.ServingRateLimitSet(netuid, serving_rate_limit))
    guards.record_owner_rl(ext, owner, netuid, ["ServingRateLimit"])


@admin_utils.call(6, [_NETUID, ("weights_version_key", U64, "u64")],
                  weight=WEIGHTS["sudo_set_weights_version_key"])
def sudo_set_weights_version_key(ext: Externalities, origin: Any, netuid: int,
                                 weights_version_key: int) -> None:
    """Set ``WeightsVersionKey[netuid]``.

    Origin: root or the subnet owner, limited to tempo × WeightsVersionKeyRateLimit blocks.
    Checks: origin, limit, freeze window, subnet exists. Effects: write. Events:
    WeightsVersionKeySet. Errors: BadOrigin, TxRateLimitExceeded,
    AdminActionProhibitedDuringWeightsWindow, SubnetDoesNotExist.
    """
    _set(ext, origin, netuid, guards.SET_WEIGHTS_VERSION_KEY, st.WeightsVersionKey,
         ev.WeightsVersionKeySet, weights_version_key)


@admin_utils.call(13, [_NETUID, ("immunity_period", U16, "u16")],
                  weight=WEIGHTS["sudo_set_immunity_period"])
def sudo_set_immunity_period(ext: Externalities, origin: Any, netuid: int,
                             immunity_period: int) -> None:
    """Set ``ImmunityPeriod[netuid]``. Origin: root or owner (rate-limited). Checks: origin,
    limit, freeze window, subnet exists. Events: ImmunityPeriodSet. Errors: BadOrigin,
    TxRateLimitExceeded, AdminActionProhibitedDuringWeightsWindow, SubnetDoesNotExist."""
    _set(ext, origin, netuid, "ImmunityPeriod", st.ImmunityPeriod, ev.ImmunityPeriodSet,
         immunity_period)


@admin_utils.call(14, [_NETUID, ("min_allowed_weights", U16, "u16")],
                  weight=WEIGHTS["sudo_set_min_allowed_weights"])
def sudo_set_min_allowed_weights(ext: Externalities, origin: Any, netuid: int,
                                 min_allowed_weights: int) -> None:
    """Set ``MinAllowedWeights[netuid]``. Origin: root or owner (rate-limited). Checks:
    origin, limit, freeze window, subnet exists. Events: MinAllowedWeightSet. Errors: BadOrigin,
    TxRateLimitExceeded, AdminActionProhibitedDuringWeightsWindow, SubnetDoesNotExist."""
    _set(ext, origin, netuid, "MinAllowedWeights", st.MinAllowedWeights,
         ev.MinAllowedWeightSet, min_allowed_weights)


@admin_utils.call(15, [_NETUID, ("max_allowed_uids", U16, "u16")],
                  weight=WEIGHTS["sudo_set_max_allowed_uids"])
def sudo_set_max_allowed_uids(ext: Externalities, origin: Any, netuid: int,
                              max_allowed_uids: int) -> None:
    """Set ``MaxAllowedUids[netuid]``.

    Origin: root or owner (rate-limited). Checks in order: origin, limit, freeze window, subnet
    exists, value ≥ MinAllowedUids (MaxAllowedUidsLessThanMinAllowedUids), value ≥ SubnetworkN
    (MaxAllowedUIdsLessThanCurrentUIds), value ≤ 256
    (MaxAllowedUidsGreaterThanDefaultMaxAllowedUids), value × MechanismCountCurrent ≤ 256
    (SubtensorModule TooManyUIDsPerMechanism). Events: MaxAllowedUidsSet.
    """
    owner = _guard(ext, origin, netuid, "MaxAllowedUids")
    if max_allowed_uids < st.MinAllowedUids.get(ext, netuid):
        raise au.MaxAllowedUidsLessThanMinAllowedUids()
    if st.SubnetworkN.get(ext, netuid) > max_allowed_uids:
        raise au.MaxAllowedUIdsLessThanCurrentUIds()
    if max_allowed_uids > C.INITIAL_MAX_ALLOWED_UIDS:
        raise au.MaxAllowedUidsGreaterThanDefaultMaxAllowedUids()
    over_all = min(max_allowed_uids * int(st.MechanismCountCurrent.get(ext, netuid)), 0xFFFF)
    if over_all > C.INITIAL_MAX_ALLOWED_UIDS:
        raise errors.TooManyUIDsPerMechanism()
    st.MaxAllowedUids.insert(ext, netuid, max_allowed_uids)
    deposit_event(ext, ev.MaxAllowedUidsSet(netuid, max_allowed_uids))
    guards.record_owner_rl(ext, owner, netuid, ["MaxAllowedUids"])


@admin_utils.call(17, [_NETUID, ("rho", U16, "u16")], weight=WEIGHTS["sudo_set_rho"])
def sudo_set_rho(ext: Externalities, origin: Any, netuid: int, rho: int) -> None:
    """Set ``Rho[netuid]``. Origin: root or owner (rate-limited). Checks: origin, limit, freeze
    window, subnet exists. Events: none (the reference's ``set_rho`` emits nothing). Errors:
    BadOrigin, TxRateLimitExceeded, AdminActionProhibitedDuringWeightsWindow,
    SubnetDoesNotExist."""
    _set(ext, origin, netuid, "Rho", st.Rho, None, rho)


@admin_utils.call(18, [_NETUID, ("activity_cutoff", U16, "u16")],
                  weight=WEIGHTS["sudo_set_activity_cutoff"])
def sudo_set_activity_cutoff(ext: Externalities, origin: Any, netuid: int,
                             activity_cutoff: int) -> None:
    """Set the legacy ``ActivityCutoff[netuid]``.

    Origin: root or owner (rate-limited). Checks: origin, limit, freeze window, subnet exists,
    value ≥ MinActivityCutoff (SubtensorModule ActivityCutoffTooLow). Events: ActivityCutoffSet.
    """
    owner = _guard(ext, origin, netuid, "ActivityCutoff")
    if activity_cutoff < st.MinActivityCutoff.get(ext):
        raise errors.ActivityCutoffTooLow()
    st.ActivityCutoff.insert(ext, netuid, activity_cutoff)
    deposit_event(ext, ev.ActivityCutoffSet(netuid, activity_cutoff))
    guards.record_owner_rl(ext, owner, netuid, ["ActivityCutoff"])


@admin_utils.call(22, [_NETUID, ("min_burn", TaoBalance, "TaoBalance")],
                  weight=WEIGHTS["sudo_set_min_burn"])
def sudo_set_min_burn(ext: Externalities, origin: Any, netuid: int, min_burn: int) -> None:
    """Set ``MinBurn[netuid]``.

    Origin: root or owner (rate-limited). Checks: origin, limit, freeze window, subnet exists,
    min_burn < 1 TAO (MinBurnUpperBound) and min_burn < MaxBurn[netuid] (ValueNotInBounds).
    Events: MinBurnSet.
    """
    owner = _guard(ext, origin, netuid, "MinBurn")
    if min_burn >= C.MIN_BURN_UPPER_BOUND or min_burn >= st.MaxBurn.get(ext, netuid):
        raise au.ValueNotInBounds()
    st.MinBurn.insert(ext, netuid, min_burn)
    deposit_event(ext, ev.MinBurnSet(netuid, min_burn))
    guards.record_owner_rl(ext, owner, netuid, ["MinBurn"])


@admin_utils.call(23, [_NETUID, ("max_burn", TaoBalance, "TaoBalance")],
                  weight=WEIGHTS["sudo_set_max_burn"])
def sudo_set_max_burn(ext: Externalities, origin: Any, netuid: int, max_burn: int) -> None:
    """Set ``MaxBurn[netuid]``.

    Origin: root or owner (rate-limited). Checks: origin, limit, freeze window, subnet exists,
    max_burn > 0.1 TAO (MaxBurnLowerBound) and max_burn > MinBurn[netuid] (ValueNotInBounds).
    Events: MaxBurnSet.
    """
    owner = _guard(ext, origin, netuid, "MaxBurn")
    if max_burn <= C.MAX_BURN_LOWER_BOUND or max_burn <= st.MinBurn.get(ext, netuid):
        raise au.ValueNotInBounds()
    st.MaxBurn.insert(ext, netuid, max_burn)
    deposit_event(ext, ev.MaxBurnSet(netuid, max_burn))
    guards.record_owner_rl(ext, owner, netuid, ["MaxBurn"])


@admin_utils.call(26, [_NETUID, ("bonds_moving_average", U64, "u64")],
                  weight=WEIGHTS["sudo_set_bonds_moving_average"])
def sudo_set_bonds_moving_average(ext: Externalities, origin: Any, netuid: int,
                                  bonds_moving_average: int) -> None:
    """Set ``BondsMovingAverage[netuid]``.

    Origin: root or owner (rate-limited). Checks: origin, limit, freeze window, for an owner
    value ≤ 975 000 (BondsMovingAverageMaxReached), subnet exists. Events:
    BondsMovingAverageSet.
    """
    owner = _guard(ext, origin, netuid, "BondsMovingAverage", exists=False)
    if owner is not None and bonds_moving_average > OWNER_BONDS_MOVING_AVERAGE_MAX:
        raise au.BondsMovingAverageMaxReached()
    guards.ensure_subnet_exists(ext, netuid)
    st.BondsMovingAverage.insert(ext, netuid, bonds_moving_average)
    deposit_event(ext, ev.BondsMovingAverageSet(netuid, bonds_moving_average))
    guards.record_owner_rl(ext, owner, netuid, ["BondsMovingAverage"])


@admin_utils.call(60, [_NETUID, ("bonds_penalty", U16, "u16")],
                  weight=WEIGHTS["sudo_set_bonds_penalty"])
def sudo_set_bonds_penalty(ext: Externalities, origin: Any, netuid: int,
                           bonds_penalty: int) -> None:
    """Set ``BondsPenalty[netuid]``. Origin: root or owner (rate-limited). Checks: origin,
    limit, freeze window, subnet exists. Events: BondsPenaltySet. Errors: BadOrigin,
    TxRateLimitExceeded, AdminActionProhibitedDuringWeightsWindow, SubnetDoesNotExist."""
    _set(ext, origin, netuid, "BondsPenalty", st.BondsPenalty, ev.BondsPenaltySet,
         bonds_penalty)


@admin_utils.call(49, [_NETUID, ("enabled", Bool, "bool")],
                  weight=WEIGHTS["sudo_set_commit_reveal_weights_enabled"])
def sudo_set_commit_reveal_weights_enabled(ext: Externalities, origin: Any, netuid: int,
                                           enabled: bool) -> None:
    """Set ``CommitRevealWeightsEnabled[netuid]``. Origin: root or owner (rate-limited).
    Checks: origin, limit, freeze window, subnet exists. Events: CommitRevealEnabled. Errors:
    BadOrigin, TxRateLimitExceeded, AdminActionProhibitedDuringWeightsWindow,
    SubnetDoesNotExist."""
    _set(ext, origin, netuid, "CommitRevealEnabled", st.CommitRevealWeightsEnabled,
         ev.CommitRevealEnabled, enabled)


@admin_utils.call(57, [_NETUID, ("interval", U64, "u64")],
                  weight=WEIGHTS["sudo_set_commit_reveal_weights_interval"])
def sudo_set_commit_reveal_weights_interval(ext: Externalities, origin: Any, netuid: int,
                                            interval: int) -> None:
    """Set ``RevealPeriodEpochs[netuid]``.

    Origin: root or owner (rate-limited). Checks: origin, limit, freeze window, subnet exists,
    interval ≤ 100 (RevealPeriodTooLarge), interval ≥ 1 (RevealPeriodTooSmall). Events:
    CommitRevealPeriodsSet.
    """
    owner = _guard(ext, origin, netuid, "WeightCommitInterval")
    if interval > MAX_COMMIT_REVEAL_PERIODS:
        raise errors.RevealPeriodTooLarge()
    if interval < MIN_COMMIT_REVEAL_PERIODS:
        raise errors.RevealPeriodTooSmall()
    st.RevealPeriodEpochs.insert(ext, netuid, interval)
    deposit_event(ext, ev.CommitRevealPeriodsSet(netuid, interval))
    guards.record_owner_rl(ext, owner, netuid, ["WeightCommitInterval"])


@admin_utils.call(72, [_NETUID, ("immune_neurons", U16, "u16")],
                  weight=db_weight(25_107_000, 4280, 4, 1))
def sudo_set_owner_immune_neuron_limit(ext: Externalities, origin: Any, netuid: int,
                                       immune_neurons: int) -> None:
    """Set ``ImmuneOwnerUidsLimit[netuid]``.

    Origin: root or owner (rate-limited). Checks: origin, limit, freeze window (no existence
    check), 1 ≤ value ≤ 10 (SubtensorModule InvalidValue). Events: none.
    """
    owner = _guard(ext, origin, netuid, "ImmuneNeuronLimit", exists=False)
    if not MIN_IMMUNE_OWNER_UIDS <= immune_neurons <= MAX_IMMUNE_OWNER_UIDS:
        raise errors.InvalidValue()
    st.ImmuneOwnerUidsLimit.insert(ext, netuid, immune_neurons)
    guards.record_owner_rl(ext, owner, netuid, ["ImmuneNeuronLimit"])


__all__ = [
    "sudo_set_activity_cutoff",
    "sudo_set_bonds_moving_average",
    "sudo_set_bonds_penalty",
    "sudo_set_commit_reveal_weights_enabled",
    "sudo_set_commit_reveal_weights_interval",
    "sudo_set_immunity_period",
    "sudo_set_max_allowed_uids",
    "sudo_set_max_burn",
    "sudo_set_min_allowed_weights",
    "sudo_set_min_burn",
    "sudo_set_owner_immune_neuron_limit",
    "sudo_set_rho",
    "sudo_set_serving_rate_limit",
    "sudo_set_weights_version_key",
]
