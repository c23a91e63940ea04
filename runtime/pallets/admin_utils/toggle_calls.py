"""AdminUtils switches and liquid-alpha values, root or subnet owner (spec §7.1, §1.10).

Mirrors ``sudo_set_liquid_alpha_enabled``, ``sudo_set_alpha_values``,
``sudo_set_yuma3_enabled`` and ``sudo_set_bonds_reset_enabled`` of
``pallets/admin-utils/src/lib.rs`` (with ``do_set_alpha_values`` of
``pallets/subtensor/src/epoch/run_epoch.rs``) at subtensor 14bc6f9. None of them checks that
the subnet exists, as in the reference.
"""

from __future__ import annotations

from typing import Any

from runtime.frame.system import deposit_event
from runtime.pallets.admin_utils import guards
from runtime.pallets.admin_utils import pallet as au
from runtime.pallets.admin_utils.pallet import WEIGHTS, admin_utils
from runtime.pallets.subtensor import errors
from runtime.pallets.subtensor import events as ev
from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.types import NetUid
from runtime.primitives.externalities import Externalities
from runtime.primitives.scale import U16, Bool

_NETUID = ("netuid", NetUid, "NetUid")
_ENABLED = ("enabled", Bool, "bool")
MIN_ALPHA = 0xFFFF // 40
"""u16::MAX / 40 = 1638: the lowest alpha_low and alpha_high."""


def _guard(ext: Externalities, origin: Any, netuid: int, limit: str) -> bytes | None:
    """Owner-or-root with the owner limit, then the freeze window."""
    owner = guards.ensure_sn_owner_or_root_with_limits(origin, ext, netuid, [limit])
    guards.ensure_admin_window_open(ext, netuid)
    return owner


@admin_utils.call(50, [_NETUID, _ENABLED], weight=WEIGHTS["sudo_set_liquid_alpha_enabled"])
def sudo_set_liquid_alpha_enabled(ext: Externalities, origin: Any, netuid: int,
                                  enabled: bool) -> None:
    """Set ``LiquidAlphaOn[netuid]``.

    Origin: root or owner (rate-limited). Checks: origin, limit, freeze window. Effects: write.
    Events: none. Errors: BadOrigin, TxRateLimitExceeded,
    AdminActionProhibitedDuringWeightsWindow.
    """
    owner = _guard(ext, origin, netuid, "LiquidAlphaEnabled")
    st.LiquidAlphaOn.insert(ext, netuid, enabled)
    guards.record_owner_rl(ext, owner, netuid, ["LiquidAlphaEnabled"])


@admin_utils.call(51, [_NETUID, ("alpha_low", U16, "u16"), ("alpha_high", U16, "u16")],
                  weight=WEIGHTS["sudo_set_alpha_values"])
def sudo_set_alpha_values(ext: Externalities, origin: Any, netuid: int, alpha_low: int,
                          alpha_high: int) -> None:
    """Set ``AlphaValues[netuid] = (alpha_low, alpha_high)``.

    Origin: root or owner (rate-limited). Checks in order: origin, limit, freeze window,
    LiquidAlphaOn[netuid] (LiquidAlphaDisabled), alpha_high ≥ 1638 (AlphaHighTooLow),
    1638 ≤ alpha_low ≤ alpha_high (AlphaLowOutOfRange); the errors are SubtensorModule's.
    Effects: write. Events: none.
    """
    owner = _guard(ext, origin, netuid, "AlphaValues")
    if not st.LiquidAlphaOn.get(ext, netuid):
        raise errors.LiquidAlphaDisabled()
    if alpha_high < MIN_ALPHA:
        raise errors.AlphaHighTooLow()
    if not MIN_ALPHA <= alpha_low <= alpha_high:
        raise errors.AlphaLowOutOfRange()
    st.AlphaValues.insert(ext, netuid, (alpha_low, alpha_high))
    guards.record_owner_rl(ext, owner, netuid, ["AlphaValues"])


@admin_utils.call(69, [_NETUID, _ENABLED], weight=WEIGHTS["sudo_set_yuma3_enabled"])
def sudo_set_yuma3_enabled(ext: Externalities, origin: Any, netuid: int,
                           enabled: bool) -> None:
    """Set ``Yuma3On[netuid]``.

    Origin: root or owner (rate-limited). Checks: origin, limit, freeze window. Effects: write.
    Events: AdminUtils.Yuma3EnableToggled { netuid, enabled }. Errors: BadOrigin,
    TxRateLimitExceeded, AdminActionProhibitedDuringWeightsWindow.
    """
    owner = _guard(ext, origin, netuid, "Yuma3Enabled")
    st.Yuma3On.insert(ext, netuid, enabled)
    deposit_event(ext, au.Yuma3EnableToggled(netuid, enabled))
    guards.record_owner_rl(ext, owner, netuid, ["Yuma3Enabled"])


@admin_utils.call(70, [_NETUID, _ENABLED], weight=WEIGHTS["sudo_set_bonds_reset_enabled"])
def sudo_set_bonds_reset_enabled(ext: Externalities, origin: Any, netuid: int,
                                 enabled: bool) -> None:
    """Set ``BondsResetOn[netuid]``.

    Origin: root or owner (rate-limited). Checks: origin, limit, freeze window. Effects: write.
    Events: SubtensorModule.BondsResetOnSet, then AdminUtils.BondsResetToggled. Errors:
    BadOrigin, TxRateLimitExceeded, AdminActionProhibitedDuringWeightsWindow.
    """
    owner = _guard(ext, origin, netuid, "BondsResetEnabled")
    st.BondsResetOn.insert(ext, netuid, enabled)
    deposit_event(ext, ev.BondsResetOnSet(netuid, enabled))
    deposit_event(ext, au.BondsResetToggled(netuid, enabled))
    guards.record_owner_rl(ext, owner, netuid, ["BondsResetEnabled"])


__all__ = ["sudo_set_alpha_values", "sudo_set_bonds_reset_enabled",
           "sudo_set_liquid_alpha_enabled", "sudo_set_yuma3_enabled"]
