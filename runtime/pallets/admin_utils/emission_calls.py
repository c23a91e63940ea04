"""AdminUtils setters of burn pricing, owner cut, childkey take floor and subnet emission.

Mirrors ``sudo_set_burn_half_life`` (89), ``sudo_set_burn_increase_mult`` (90),
``sudo_set_owner_cut_enabled`` (92), ``sudo_set_min_childkey_take_per_subnet`` (93) and
``sudo_set_subnet_emission_enabled`` (94) of ``pallets/admin-utils/src/lib.rs`` at subtensor
14bc6f9 (spec §5.2 burn price, §3.9 owner cut, §10 item 2 emission off by default).
"""

from __future__ import annotations

from typing import Any

from runtime.frame.dispatch import DispatchClass, ensure_root
from runtime.frame.system import deposit_event
from runtime.pallets.admin_utils import guards
from runtime.pallets.admin_utils import pallet as au
from runtime.pallets.admin_utils.pallet import WEIGHTS, admin_utils, db_weight
from runtime.pallets.subtensor import events as ev
from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.types import NetUid, U64F64Type
from runtime.primitives.externalities import Externalities
from runtime.primitives.scale import U16, Bool

_NETUID = ("netuid", NetUid, "NetUid")
ROOT_NETUID = 0
MAX_BURN_HALF_LIFE = 36_100
"""``MaxBurnHalfLife``: the longest registration burn half-life, in blocks."""
ONE_BITS = 1 << 64
"""1.0 as U64F64 bits."""
_OPERATIONAL_WEIGHT = db_weight(25_000_000, 0, 4, 1)
"""``Weight::from_parts(25_000_000, 0) + reads(4) + writes(1)`` (Operational, Pays::Yes)."""


def _owner_subnet(ext: Externalities, origin: Any, netuid: int, limit: str) -> bytes | None:
    """Owner-or-root with the owner limit, the freeze window, the subnet exists and is not
    root (NotPermittedOnRootSubnet)."""
    owner = guards.ensure_sn_owner_or_root_with_limits(origin, ext, netuid, [limit])
    guards.ensure_admin_window_open(ext, netuid)
    guards.ensure_subnet_exists(ext, netuid)
    if netuid == ROOT_NETUID:
        raise au.NotPermittedOnRootSubnet()
    return owner


@admin_utils.call(89, [_NETUID, ("burn_half_life", U16, "u16")], weight=_OPERATIONAL_WEIGHT,
                  dispatch_class=DispatchClass.Operational)
def sudo_set_burn_half_life(ext: Externalities, origin: Any, netuid: int,
                            burn_half_life: int) -> None:
    """Set ``BurnHalfLife[netuid]``.

    Origin: root or owner (rate-limited). Checks: origin, limit, freeze window, subnet exists,
    not root (NotPermittedOnRootSubnet), 0 < value ≤ 36 100 (InvalidValue). Events:
    AdminUtils.BurnHalfLifeSet { netuid, burn_half_life }.
    """
    owner = _owner_subnet(ext, origin, netuid, "BurnHalfLife")
    if not 0 < burn_half_life <= MAX_BURN_HALF_LIFE:
        raise au.InvalidValue()
    st.BurnHalfLife.insert(ext, netuid, burn_half_life)
    deposit_event(ext, au.BurnHalfLifeSet(netuid, burn_half_life))
    guards.record_owner_rl(ext, owner, netuid, ["BurnHalfLife"])


@admin_utils.call(90, [_NETUID, ("burn_increase_mult", U64F64Type, "U64F64")],
                  weight=_OPERATIONAL_WEIGHT, dispatch_class=DispatchClass.Operational)
def sudo_set_burn_increase_mult(ext: Externalities, origin: Any, netuid: int,
                                burn_increase_mult: Any) -> None:
    """Set ``BurnIncreaseMult[netuid]``.

    Origin: root or owner (rate-limited). Checks: origin, limit, freeze window, subnet exists,
    not root (NotPermittedOnRootSubnet), 1 ≤ value ≤ 3 (InvalidValue). Events:
    AdminUtils.BurnIncreaseMultSet { netuid, burn_increase_mult }.
    """
    owner = _owner_subnet(ext, origin, netuid, "BurnIncreaseMult")
    if not ONE_BITS <= burn_increase_mult.bits <= 3 * ONE_BITS:
        raise au.InvalidValue()
    st.BurnIncreaseMult.insert(ext, netuid, burn_increase_mult)
    deposit_event(ext, au.BurnIncreaseMultSet(netuid, burn_increase_mult))
    guards.record_owner_rl(ext, owner, netuid, ["BurnIncreaseMult"])


@admin_utils.call(92, [_NETUID, ("enabled", Bool, "bool")], weight=_OPERATIONAL_WEIGHT,
                  dispatch_class=DispatchClass.Operational)
def sudo_set_owner_cut_enabled(ext: Externalities, origin: Any, netuid: int,
                               enabled: bool) -> None:
    """Set ``OwnerCutEnabled[netuid]``.

    Origin: root or owner, not rate-limited. Checks: origin (BadOrigin), freeze window, subnet
    exists, not root (NotPermittedOnRootSubnet). Effects: write. Events: none.
    """
    guards.ensure_subnet_owner_or_root(origin, ext, netuid)
    guards.ensure_admin_window_open(ext, netuid)
    guards.ensure_subnet_exists(ext, netuid)
    if netuid == ROOT_NETUID:
        raise au.NotPermittedOnRootSubnet()
    st.OwnerCutEnabled.insert(ext, netuid, enabled)


@admin_utils.call(93, [_NETUID, ("take", U16, "u16")],
                  weight=WEIGHTS["sudo_set_min_childkey_take_per_subnet"])
def sudo_set_min_childkey_take_per_subnet(ext: Externalities, origin: Any, netuid: int,
                                          take: int) -> None:
    """Set ``MinChildkeyTakePerSubnet[netuid]``.

    Origin: root or owner (rate-limited). Checks: origin, limit, freeze window, subnet exists,
    MinChildkeyTake ≤ take ≤ MaxChildkeyTake (InvalidValue). Events:
    MinChildKeyTakePerSubnetSet.
    """
    owner = guards.ensure_sn_owner_or_root_with_limits(origin, ext, netuid, ["MinChildkeyTake"])
    guards.ensure_admin_window_open(ext, netuid)
    guards.ensure_subnet_exists(ext, netuid)
    if not st.MinChildkeyTake.get(ext) <= take <= st.MaxChildkeyTake.get(ext):
        raise au.InvalidValue()
    st.MinChildkeyTakePerSubnet.insert(ext, netuid, take)
    deposit_event(ext, ev.MinChildKeyTakePerSubnetSet(netuid, take))
    guards.record_owner_rl(ext, owner, netuid, ["MinChildkeyTake"])


@admin_utils.call(94, [_NETUID, ("enabled", Bool, "bool")],
                  weight=WEIGHTS["sudo_set_subnet_emission_enabled"])
def sudo_set_subnet_emission_enabled(ext: Externalities, origin: Any, netuid: int,
                                     enabled: bool) -> None:
    """Set ``SubnetEmissionEnabled[netuid]``.

    Origin: root. Checks: root, subnet exists, not root (NotPermittedOnRootSubnet). Events:
    AdminUtils.SubnetEmissionEnabledSet { netuid, enabled }.
    """
    ensure_root(origin)
    guards.ensure_subnet_exists(ext, netuid)
    if netuid == ROOT_NETUID:
        raise au.NotPermittedOnRootSubnet()
    st.SubnetEmissionEnabled.insert(ext, netuid, enabled)
    deposit_event(ext, au.SubnetEmissionEnabledSet(netuid, enabled))


__all__ = ["sudo_set_burn_half_life", "sudo_set_burn_increase_mult",
           "sudo_set_min_childkey_take_per_subnet", "sudo_set_owner_cut_enabled",
           "sudo_set_subnet_emission_enabled"]
