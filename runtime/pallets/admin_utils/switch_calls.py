"""AdminUtils switches of transfers, subtoken, recycling, owner-cut locking and TAO flow.

Mirrors calls 61, 66, 71, 73, 80, 83, 91 and 95 of ``pallets/admin-utils/src/lib.rs`` at
subtensor 14bc6f9 (spec §3, §4, §7.1). None of the per-subnet switches here checks that the
subnet exists, except ``sudo_set_owner_cut_auto_lock_enabled``, as in the reference.
"""

from __future__ import annotations

from typing import Any

from runtime.frame.dispatch import DispatchClass, ensure_root
from runtime.frame.system import deposit_event
from runtime.pallets.admin_utils import guards
from runtime.pallets.admin_utils import pallet as au
from runtime.pallets.admin_utils.pallet import admin_utils, db_weight
from runtime.pallets.subtensor import events as ev
from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.types import NetUid, RecycleOrBurnEnum
from runtime.primitives.externalities import Externalities
from runtime.primitives.scale import U16, U64, Bool

_NETUID = ("netuid", NetUid, "NetUid")
_ROOT_FLOW_WEIGHT = db_weight(7_343_000, 0, 0, 1)
ROOT_NETUID = 0


def _owner_window(ext: Externalities, origin: Any, netuid: int, limit: str) -> bytes | None:
    """Owner-or-root with the owner limit, then the freeze window."""
    owner = guards.ensure_sn_owner_or_root_with_limits(origin, ext, netuid, [limit])
    guards.ensure_admin_window_open(ext, netuid)
    return owner


@admin_utils.call(61, [_NETUID, ("toggle", Bool, "bool")],
                  weight=db_weight(28_343_000, 4280, 4, 1))
def sudo_set_toggle_transfer(ext: Externalities, origin: Any, netuid: int,
                             toggle: bool) -> None:
    """Set ``TransferToggle[netuid]`` (whether stake may be transferred between coldkeys).

    Origin: root or owner (rate-limited). Checks: origin, limit, freeze window. Events:
    TransferToggle. Errors: BadOrigin, TxRateLimitExceeded,
    AdminActionProhibitedDuringWeightsWindow.
    """
    owner = _owner_window(ext, origin, netuid, "TransferEnabled")
    st.TransferToggle.insert(ext, netuid, toggle)
    deposit_event(ext, ev.TransferToggle(netuid, toggle))
    guards.record_owner_rl(ext, owner, netuid, ["TransferEnabled"])


@admin_utils.call(66, [_NETUID, ("subtoken_enabled", Bool, "bool")],
                  weight=db_weight(25_467_000, 4280, 4, 1))
def sudo_set_subtoken_enabled(ext: Externalities, origin: Any, netuid: int,
                              subtoken_enabled: bool) -> None:
    """Set ``SubtokenEnabled[netuid]``. Origin: root. Checks: root, freeze window. Events:
    none. Errors: BadOrigin, AdminActionProhibitedDuringWeightsWindow."""
    ensure_root(origin)
    guards.ensure_admin_window_open(ext, netuid)
    st.SubtokenEnabled.insert(ext, netuid, subtoken_enabled)


@admin_utils.call(71, [("version", U16, "u16")], weight=db_weight(6_052_000, 0, 0, 1))
def sudo_set_commit_reveal_version(ext: Externalities, origin: Any, version: int) -> None:
    """Set ``CommitRevealWeightsVersion``. Origin: root. Events: CommitRevealVersionSet.
    Errors: BadOrigin."""
    ensure_root(origin)
    st.CommitRevealWeightsVersion.insert(ext, version)
    deposit_event(ext, ev.CommitRevealVersionSet(version))


@admin_utils.call(73, [("burn", U64, "u64")], weight=db_weight(15_650_000, 0, 1, 1))
def sudo_set_ck_burn(ext: Externalities, origin: Any, burn: int) -> None:
    """Set ``CKBurn``. Origin: root. Events: none. Errors: BadOrigin."""
    ensure_root(origin)
    st.CKBurn.insert(ext, burn)


@admin_utils.call(80, [_NETUID, ("recycle_or_burn", RecycleOrBurnEnum, "RecycleOrBurnEnum")],
                  weight=db_weight(20_000_000, 0, 2, 2))
def sudo_set_recycle_or_burn(ext: Externalities, origin: Any, netuid: int,
                             recycle_or_burn: Any) -> None:
    """Set ``RecycleOrBurn[netuid]`` (Burn | Recycle). Origin: root or owner (rate-limited).
    Checks: origin, limit, freeze window. Events: none. Errors: BadOrigin, TxRateLimitExceeded,
    AdminActionProhibitedDuringWeightsWindow."""
    owner = _owner_window(ext, origin, netuid, "RecycleOrBurn")
    st.RecycleOrBurn.insert(ext, netuid, recycle_or_burn)
    guards.record_owner_rl(ext, owner, netuid, ["RecycleOrBurn"])


@admin_utils.call(83, [("smoothing_factor", U64, "u64")], weight=_ROOT_FLOW_WEIGHT)
def sudo_set_tao_flow_smoothing_factor(ext: Externalities, origin: Any,
                                       smoothing_factor: int) -> None:
    """Set ``FlowEmaSmoothingFactor``. Origin: root. Events: none. Errors: BadOrigin."""
    ensure_root(origin)
    st.FlowEmaSmoothingFactor.insert(ext, smoothing_factor)


@admin_utils.call(91, [("enabled", Bool, "bool")], weight=_ROOT_FLOW_WEIGHT)
def sudo_set_net_tao_flow_enabled(ext: Externalities, origin: Any, enabled: bool) -> None:
    """Set ``NetTaoFlowEnabled``. Origin: root. Events: none. Errors: BadOrigin."""
    ensure_root(origin)
    st.NetTaoFlowEnabled.insert(ext, enabled)


@admin_utils.call(95, [_NETUID, ("enabled", Bool, "bool")],
                  weight=db_weight(25_000_000, 0, 4, 1),
                  dispatch_class=DispatchClass.Operational)
def sudo_set_owner_cut_auto_lock_enabled(ext: Externalities, origin: Any, netuid: int,
                                         enabled: bool) -> None:
    """Set ``OwnerCutAutoLockEnabled[netuid]``.

    Origin: root or owner, not rate-limited. Checks: origin (BadOrigin), freeze window, subnet
    exists, not root (NotPermittedOnRootSubnet). Events: none. Operational, Pays::Yes.
    """
    guards.ensure_subnet_owner_or_root(origin, ext, netuid)
    guards.ensure_admin_window_open(ext, netuid)
    guards.ensure_subnet_exists(ext, netuid)
    if netuid == ROOT_NETUID:
        raise au.NotPermittedOnRootSubnet()
    st.OwnerCutAutoLockEnabled.insert(ext, netuid, enabled)


__all__ = ["sudo_set_ck_burn", "sudo_set_commit_reveal_version",
           "sudo_set_net_tao_flow_enabled", "sudo_set_owner_cut_auto_lock_enabled",
           "sudo_set_recycle_or_burn", "sudo_set_subtoken_enabled",
           "sudo_set_tao_flow_smoothing_factor", "sudo_set_toggle_transfer"]
