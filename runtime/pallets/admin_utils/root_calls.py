"""AdminUtils setters only root may call (spec §6.1, §7.1, §7.2).

Each mirrors the call of the same name in ``pallets/admin-utils/src/lib.rs`` at subtensor
14bc6f9: ``ensure_root`` (BadOrigin for any other origin, the subnet owner included), then the
call's checks, then the SubtensorModule write and event. ``btcli sudo set`` sends these wrapped
in ``Sudo.sudo`` (spec clients.md §6).
"""

from __future__ import annotations

from typing import Any

from runtime.frame.dispatch import ensure_root
from runtime.frame.system import deposit_event
from runtime.pallets.admin_utils import guards
from runtime.pallets.admin_utils import pallet as au
from runtime.pallets.admin_utils.pallet import WEIGHTS, admin_utils, db_weight
from runtime.pallets.subtensor import events as ev
from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.types import BlockNumber, NetUid, TaoBalance
from runtime.primitives.externalities import Externalities
from runtime.primitives.scale import U16, U64, Bool

_NETUID = ("netuid", NetUid, "NetUid")
_SIMPLE_WRITE = db_weight(14_000_000, 0, 0, 1)
"""``Weight::from_parts(14_000_000, 0) + writes(1)``, the hand-written weight of several calls."""


def _root_subnet(ext: Externalities, origin: Any, netuid: int, *, window: bool) -> None:
    """Root, then (if ``window``) the freeze window, then the subnet exists."""
    ensure_root(origin)
    if window:
        guards.ensure_admin_window_open(ext, netuid)
    guards.ensure_subnet_exists(ext, netuid)


@admin_utils.call(1, [("default_take", U16, "u16")], weight=WEIGHTS["sudo_set_default_take"])
def sudo_set_default_take(ext: Externalities, origin: Any, default_take: int) -> None:
    """Set ``MaxDelegateTake`` (the reference's ``set_max_delegate_take``). Origin: root.
    Events: MaxDelegateTakeSet. Errors: BadOrigin."""
    ensure_root(origin)
    st.MaxDelegateTake.insert(ext, default_take)
    deposit_event(ext, ev.MaxDelegateTakeSet(default_take))


@admin_utils.call(2, [("tx_rate_limit", U64, "u64")], weight=WEIGHTS["sudo_set_tx_rate_limit"])
def sudo_set_tx_rate_limit(ext: Externalities, origin: Any, tx_rate_limit: int) -> None:
    """Set ``TxRateLimit``. Origin: root. Events: TxRateLimitSet. Errors: BadOrigin."""
    ensure_root(origin)
    st.TxRateLimit.insert(ext, tx_rate_limit)
    deposit_event(ext, ev.TxRateLimitSet(tx_rate_limit))


@admin_utils.call(7, [_NETUID, ("weights_set_rate_limit", U64, "u64")],
                  weight=WEIGHTS["sudo_set_weights_set_rate_limit"])
def sudo_set_weights_set_rate_limit(ext: Externalities, origin: Any, netuid: int,
                                    weights_set_rate_limit: int) -> None:
    """Set ``WeightsSetRateLimit[netuid]``. Origin: root. Checks: root, subnet exists (no
    freeze window). Events: WeightsSetRateLimitSet. Errors: BadOrigin, SubnetDoesNotExist."""
    _root_subnet(ext, origin, netuid, window=False)
    st.WeightsSetRateLimit.insert(ext, netuid, weights_set_rate_limit)
    deposit_event(ext, ev.WeightsSetRateLimitSet(netuid, weights_set_rate_limit))


@admin_utils.call(8, [_NETUID, ("adjustment_interval", U16, "u16")],
                  weight=WEIGHTS["sudo_set_adjustment_interval"])
def sudo_set_adjustment_interval(ext: Externalities, origin: Any, netuid: int,
                                 adjustment_interval: int) -> None:
    """Set ``AdjustmentInterval[netuid]``. Origin: root. Checks: root, subnet exists. Events:
    AdjustmentIntervalSet. Errors: BadOrigin, SubnetDoesNotExist."""
    _root_subnet(ext, origin, netuid, window=False)
    st.AdjustmentInterval.insert(ext, netuid, adjustment_interval)
    deposit_event(ext, ev.AdjustmentIntervalSet(netuid, adjustment_interval))


@admin_utils.call(16, [_NETUID, ("kappa", U16, "u16")], weight=WEIGHTS["sudo_set_kappa"])
def sudo_set_kappa(ext: Externalities, origin: Any, netuid: int, kappa: int) -> None:
    """Set ``Kappa[netuid]``. Origin: root. Checks: root, subnet exists. Events: KappaSet.
    Errors: BadOrigin, SubnetDoesNotExist."""
    _root_subnet(ext, origin, netuid, window=False)
    st.Kappa.insert(ext, netuid, kappa)
    deposit_event(ext, ev.KappaSet(netuid, kappa))


@admin_utils.call(19, [_NETUID, ("registration_allowed", Bool, "bool")],
                  weight=WEIGHTS["sudo_set_network_registration_allowed"])
def sudo_set_network_registration_allowed(ext: Externalities, origin: Any, netuid: int,
                                          registration_allowed: bool) -> None:
    """Set ``NetworkRegistrationAllowed[netuid]``. Origin: root. Checks: root only (no
    existence check, as the reference). Events: RegistrationAllowed. Errors: BadOrigin."""
    ensure_root(origin)
    st.NetworkRegistrationAllowed.insert(ext, netuid, registration_allowed)
    deposit_event(ext, ev.RegistrationAllowed(netuid, registration_allowed))


@admin_utils.call(25, [_NETUID, ("max_allowed_validators", U16, "u16")],
                  weight=WEIGHTS["sudo_set_max_allowed_validators"])
def sudo_set_max_allowed_validators(ext: Externalities, origin: Any, netuid: int,
                                    max_allowed_validators: int) -> None:
    """Set ``MaxAllowedValidators[netuid]``. Origin: root. Checks: root, freeze window, subnet
    exists, value ≤ MaxAllowedUids[netuid] (MaxValidatorsLargerThanMaxUIds). Events:
    MaxAllowedValidatorsSet. Errors: BadOrigin, AdminActionProhibitedDuringWeightsWindow,
    SubnetDoesNotExist, MaxValidatorsLargerThanMaxUIds."""
    _root_subnet(ext, origin, netuid, window=True)
    if max_allowed_validators > st.MaxAllowedUids.get(ext, netuid):
        raise au.MaxValidatorsLargerThanMaxUIds()
    st.MaxAllowedValidators.insert(ext, netuid, max_allowed_validators)
    deposit_event(ext, ev.MaxAllowedValidatorsSet(netuid, max_allowed_validators))


@admin_utils.call(28, [("subnet_owner_cut", U16, "u16")],
                  weight=WEIGHTS["sudo_set_subnet_owner_cut"])
def sudo_set_subnet_owner_cut(ext: Externalities, origin: Any, subnet_owner_cut: int) -> None:
    """Set ``SubnetOwnerCut``. Origin: root. Events: SubnetOwnerCutSet. Errors: BadOrigin."""
    ensure_root(origin)
    st.SubnetOwnerCut.insert(ext, subnet_owner_cut)
    deposit_event(ext, ev.SubnetOwnerCutSet(subnet_owner_cut))


@admin_utils.call(30, [_NETUID, ("tempo", U16, "u16")], weight=WEIGHTS["sudo_set_tempo"])
def sudo_set_tempo(ext: Externalities, origin: Any, netuid: int, tempo: int) -> None:
    """Set ``Tempo[netuid]`` and restart the cycle (``apply_tempo_with_cycle_reset``).

    Origin: root. Checks: root, freeze window, subnet exists (no range check on this root
    path). Effects: Tempo = tempo, LastEpochBlock = now. Events: TempoSet. Errors: BadOrigin,
    AdminActionProhibitedDuringWeightsWindow, SubnetDoesNotExist.
    """
    _root_subnet(ext, origin, netuid, window=True)
    st.Tempo.insert(ext, netuid, tempo)
    deposit_event(ext, ev.TempoSet(netuid, tempo))
    st.LastEpochBlock.insert(ext, netuid, guards.current_block(ext))


@admin_utils.call(45, [("tx_rate_limit", U64, "u64")],
                  weight=WEIGHTS["sudo_set_tx_delegate_take_rate_limit"])
def sudo_set_tx_delegate_take_rate_limit(ext: Externalities, origin: Any,
                                         tx_rate_limit: int) -> None:
    """Set ``TxDelegateTakeRateLimit``. Origin: root. Events: TxDelegateTakeRateLimitSet.
    Errors: BadOrigin."""
    ensure_root(origin)
    st.TxDelegateTakeRateLimit.insert(ext, tx_rate_limit)
    deposit_event(ext, ev.TxDelegateTakeRateLimitSet(tx_rate_limit))


@admin_utils.call(74, [("window", U16, "u16")], weight=WEIGHTS["sudo_set_admin_freeze_window"])
def sudo_set_admin_freeze_window(ext: Externalities, origin: Any, window: int) -> None:
    """Set ``AdminFreezeWindow``. Origin: root. Events: AdminFreezeWindowSet. Errors:
    BadOrigin."""
    ensure_root(origin)
    st.AdminFreezeWindow.insert(ext, window)
    deposit_event(ext, ev.AdminFreezeWindowSet(window))


@admin_utils.call(75, [("epochs", U16, "u16")],
                  weight=WEIGHTS["sudo_set_owner_hparam_rate_limit"])
def sudo_set_owner_hparam_rate_limit(ext: Externalities, origin: Any, epochs: int) -> None:
    """Set ``OwnerHyperparamRateLimit`` (in tempos). Origin: root. Events:
    OwnerHyperparamRateLimitSet. Errors: BadOrigin."""
    ensure_root(origin)
    st.OwnerHyperparamRateLimit.insert(ext, epochs)
    deposit_event(ext, ev.OwnerHyperparamRateLimitSet(epochs))


def _global(ext: Externalities, origin: Any, item: Any, event: Any, value: int) -> None:
    """Root, then ``item = value`` and ``event(value)``."""
    ensure_root(origin)
    item.insert(ext, value)
    deposit_event(ext, event(value))


@admin_utils.call(29, [("rate_limit", U64, "u64")], weight=_SIMPLE_WRITE)
def sudo_set_network_rate_limit(ext: Externalities, origin: Any, rate_limit: int) -> None:
    """Set ``NetworkRateLimit``. Origin: root. Events: NetworkRateLimitSet. Errors: BadOrigin."""
    _global(ext, origin, st.NetworkRateLimit, ev.NetworkRateLimitSet, rate_limit)


@admin_utils.call(33, [("total_issuance", TaoBalance, "TaoBalance")],
                  weight=db_weight(5_931_000, 0, 0, 0))
def sudo_set_total_issuance(ext: Externalities, origin: Any, total_issuance: int) -> None:
    """Deprecated. Origin: any (not checked). Errors: always Deprecated; nothing is written."""
    raise au.Deprecated()


@admin_utils.call(35, [("immunity_period", U64, "u64")], weight=_SIMPLE_WRITE)
def sudo_set_network_immunity_period(ext: Externalities, origin: Any,
                                     immunity_period: int) -> None:
    """Set ``NetworkImmunityPeriod``. Origin: root. Events: NetworkImmunityPeriodSet. Errors:
    BadOrigin."""
    _global(ext, origin, st.NetworkImmunityPeriod, ev.NetworkImmunityPeriodSet, immunity_period)


@admin_utils.call(36, [("lock_cost", TaoBalance, "TaoBalance")], weight=_SIMPLE_WRITE)
def sudo_set_network_min_lock_cost(ext: Externalities, origin: Any, lock_cost: int) -> None:
    """Set ``NetworkMinLockCost``. Origin: root. Events: NetworkMinLockCostSet. Errors:
    BadOrigin."""
    _global(ext, origin, st.NetworkMinLockCost, ev.NetworkMinLockCostSet, lock_cost)


@admin_utils.call(37, [("max_subnets", U16, "u16")], weight=_SIMPLE_WRITE)
def sudo_set_subnet_limit(ext: Externalities, origin: Any, max_subnets: int) -> None:
    """Set ``SubnetLimit``. Origin: root. Events: SubnetLimitSet. Errors: BadOrigin."""
    _global(ext, origin, st.SubnetLimit, ev.SubnetLimitSet, max_subnets)


@admin_utils.call(38, [("interval", U64, "u64")], weight=_SIMPLE_WRITE)
def sudo_set_lock_reduction_interval(ext: Externalities, origin: Any, interval: int) -> None:
    """Set ``NetworkLockReductionInterval``. Origin: root. Events:
    NetworkLockCostReductionIntervalSet. Errors: BadOrigin."""
    _global(ext, origin, st.NetworkLockReductionInterval,
            ev.NetworkLockCostReductionIntervalSet, interval)


@admin_utils.call(42, [("min_stake", U64, "u64")], weight=db_weight(5_500_000, 0, 0, 1))
def sudo_set_stake_threshold(ext: Externalities, origin: Any, min_stake: int) -> None:
    """Set ``StakeThreshold``. Origin: root. Events: StakeThresholdSet. Errors: BadOrigin."""
    _global(ext, origin, st.StakeThreshold, ev.StakeThresholdSet, min_stake)


@admin_utils.call(46, [("take", U16, "u16")], weight=db_weight(5_490_000, 0, 0, 1))
def sudo_set_min_delegate_take(ext: Externalities, origin: Any, take: int) -> None:
    """Set ``MinDelegateTake``. Origin: root. Events: MinDelegateTakeSet. Errors: BadOrigin."""
    _global(ext, origin, st.MinDelegateTake, ev.MinDelegateTakeSet, take)


@admin_utils.call(55, [("duration", BlockNumber, "BlockNumberFor<T>")],
                  weight=WEIGHTS["sudo_set_dissolve_network_schedule_duration"])
def sudo_set_dissolve_network_schedule_duration(ext: Externalities, origin: Any,
                                                duration: int) -> None:
    """Set ``DissolveNetworkScheduleDuration``. Origin: root. Events:
    DissolveNetworkScheduleDurationSet. Errors: BadOrigin."""
    _global(ext, origin, st.DissolveNetworkScheduleDuration,
            ev.DissolveNetworkScheduleDurationSet, duration)


@admin_utils.call(85, [("delay", U64, "u64")], weight=_SIMPLE_WRITE)
def sudo_set_start_call_delay(ext: Externalities, origin: Any, delay: int) -> None:
    """Set ``StartCallDelay``. Origin: root. Events: StartCallDelaySet. Errors: BadOrigin."""
    _global(ext, origin, st.StartCallDelay, ev.StartCallDelaySet, delay)


@admin_utils.call(86, [("duration", BlockNumber, "BlockNumberFor<T>")],
                  weight=WEIGHTS["sudo_set_coldkey_swap_announcement_delay"])
def sudo_set_coldkey_swap_announcement_delay(ext: Externalities, origin: Any,
                                             duration: int) -> None:
    """Set ``ColdkeySwapAnnouncementDelay``. Origin: root. Events:
    ColdkeySwapAnnouncementDelaySet. Errors: BadOrigin."""
    _global(ext, origin, st.ColdkeySwapAnnouncementDelay,
            ev.ColdkeySwapAnnouncementDelaySet, duration)


@admin_utils.call(87, [("duration", BlockNumber, "BlockNumberFor<T>")],
                  weight=WEIGHTS["sudo_set_coldkey_swap_reannouncement_delay"])
def sudo_set_coldkey_swap_reannouncement_delay(ext: Externalities, origin: Any,
                                               duration: int) -> None:
    """Set ``ColdkeySwapReannouncementDelay``. Origin: root. Events:
    ColdkeySwapReannouncementDelaySet. Errors: BadOrigin."""
    _global(ext, origin, st.ColdkeySwapReannouncementDelay,
            ev.ColdkeySwapReannouncementDelaySet, duration)


__all__ = [
    "sudo_set_adjustment_interval",
    "sudo_set_admin_freeze_window",
    "sudo_set_coldkey_swap_announcement_delay",
    "sudo_set_coldkey_swap_reannouncement_delay",
    "sudo_set_default_take",
    "sudo_set_dissolve_network_schedule_duration",
    "sudo_set_kappa",
    "sudo_set_lock_reduction_interval",
    "sudo_set_max_allowed_validators",
    "sudo_set_min_delegate_take",
    "sudo_set_network_immunity_period",
    "sudo_set_network_min_lock_cost",
    "sudo_set_network_rate_limit",
    "sudo_set_network_registration_allowed",
    "sudo_set_owner_hparam_rate_limit",
    "sudo_set_stake_threshold",
    "sudo_set_start_call_delay",
    "sudo_set_subnet_limit",
    "sudo_set_subnet_owner_cut",
    "sudo_set_tempo",
    "sudo_set_total_issuance",
    "sudo_set_tx_delegate_take_rate_limit",
    "sudo_set_tx_rate_limit",
    "sudo_set_weights_set_rate_limit",
]
