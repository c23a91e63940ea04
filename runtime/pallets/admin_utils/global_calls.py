"""AdminUtils root setters of fixed-point and mechanism globals (spec §3.3, §3.7, §3.8).

Mirrors ``sudo_set_subnet_moving_alpha`` (63), ``sudo_set_tao_flow_cutoff`` (81),
``sudo_set_tao_flow_normalization_exponent`` (82) and ``sudo_set_max_mechanism_count`` (88) of
``pallets/admin-utils/src/lib.rs`` at subtensor 14bc6f9 (with ``do_set_max_mechanism_count`` of
``pallets/subtensor/src/subnets/mechanism.rs``). None emits an event.
"""

from __future__ import annotations

from typing import Any

from runtime.frame.dispatch import ensure_root
from runtime.pallets.admin_utils import pallet as au
from runtime.pallets.admin_utils.pallet import admin_utils, db_weight
from runtime.pallets.subtensor import errors
from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.types import I64F64Type, I96F32Type, MechId, U64F64Type
from runtime.primitives.externalities import Externalities

ONE_BITS = 1 << 64
"""1.0 as U64F64 bits."""
MAX_MECHANISM_COUNT_PER_SUBNET = 16
_FLOW_WEIGHT = db_weight(7_343_000, 0, 0, 1)


@admin_utils.call(63, [("alpha", I96F32Type, "I96F32")], weight=db_weight(2_955_000, 0, 0, 1))
def sudo_set_subnet_moving_alpha(ext: Externalities, origin: Any, alpha: Any) -> None:
    """Set ``SubnetMovingAlpha`` (the moving-price EMA factor). Origin: root. Events: none.
    Errors: BadOrigin."""
    ensure_root(origin)
    st.SubnetMovingAlpha.insert(ext, alpha)


@admin_utils.call(81, [("flow_cutoff", I64F64Type, "I64F64")], weight=_FLOW_WEIGHT)
def sudo_set_tao_flow_cutoff(ext: Externalities, origin: Any, flow_cutoff: Any) -> None:
    """Set ``TaoFlowCutoff``. Origin: root. Events: none. Errors: BadOrigin."""
    ensure_root(origin)
    st.TaoFlowCutoff.insert(ext, flow_cutoff)


@admin_utils.call(82, [("exponent", U64F64Type, "U64F64")], weight=_FLOW_WEIGHT)
def sudo_set_tao_flow_normalization_exponent(ext: Externalities, origin: Any,
                                             exponent: Any) -> None:
    """Set ``FlowNormExponent``. Origin: root. Checks: root, 1 ≤ exponent ≤ 2 (AdminUtils
    InvalidValue). Events: none."""
    ensure_root(origin)
    if not ONE_BITS <= exponent.bits <= 2 * ONE_BITS:
        raise au.InvalidValue()
    st.FlowNormExponent.insert(ext, exponent)


@admin_utils.call(88, [("max_mechanism_count", MechId, "MechId")],
                  weight=db_weight(15_000_000, 0, 1, 1))
def sudo_set_max_mechanism_count(ext: Externalities, origin: Any,
                                 max_mechanism_count: int) -> None:
    """Set ``MaxMechanismCount``. Origin: root. Checks: root, 0 < count ≤ 16 (SubtensorModule
    InvalidValue). Events: none."""
    ensure_root(origin)
    if not 0 < max_mechanism_count <= MAX_MECHANISM_COUNT_PER_SUBNET:
        raise errors.InvalidValue()
    st.MaxMechanismCount.insert(ext, max_mechanism_count)


__all__ = ["sudo_set_max_mechanism_count", "sudo_set_subnet_moving_alpha",
           "sudo_set_tao_flow_cutoff", "sudo_set_tao_flow_normalization_exponent"]
