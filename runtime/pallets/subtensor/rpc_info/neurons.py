"""``NeuronInfoRuntimeApi``: neurons of a subnet as ``NeuronInfo`` / ``NeuronInfoLite`` values.

Reference (subtensor 14bc6f9): ``rpc_info/neuron_info.rs``. A uid's vector entries (Active,
Emission, Incentive, ...) default to zero/false past the end of the vector; rank and trust are
deprecated and always 0, pruning_score always ``u16::MAX``; ``stake`` is one pair
``(owner coldkey, TotalHotkeyAlpha[hotkey, netuid])``. Incentive and LastUpdate are read at the
mechanism-0 storage index (``NetUidStorageIndex::from(netuid)`` = netuid).
"""

from __future__ import annotations

from typing import Any

from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.types import AxonInfo, PrometheusInfo
from runtime.primitives.externalities import Externalities

U16_MAX = 0xFFFF
ZERO_AXON = {f.name: 0 for f in AxonInfo.fields}
ZERO_PROMETHEUS = {f.name: 0 for f in PrometheusInfo.fields}


def _at(values: list[Any], uid: int, default: Any) -> Any:
    """``vec.get(uid).unwrap_or(default)``."""
    return values[uid] if uid < len(values) else default


def _nonzero_pairs(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The (uid, value) pairs whose value is positive, in stored order."""
    return [(int(i), int(v)) for i, v in pairs if v > 0]


def _neuron_fields(ext: Externalities, netuid: int, uid: int) -> dict[str, Any] | None:
    """The fields NeuronInfo and NeuronInfoLite share, or None when the uid has no hotkey."""
    if not st.Keys.contains(ext, netuid, uid):
        return None
    hotkey = bytes(st.Keys.get(ext, netuid, uid))
    coldkey = bytes(st.Owner.get(ext, hotkey))
    axon = st.Axons.get(ext, netuid, hotkey)
    prometheus = st.Prometheus.get(ext, netuid, hotkey)
    return {
        "hotkey": hotkey, "coldkey": coldkey, "uid": uid, "netuid": netuid,
        "active": bool(_at(st.Active.get(ext, netuid), uid, False)),
        "axon_info": ZERO_AXON if axon is None else axon,
        "prometheus_info": ZERO_PROMETHEUS if prometheus is None else prometheus,
        "stake": [(coldkey, int(st.TotalHotkeyAlpha.get(ext, hotkey, netuid)))],
        "rank": 0,
        "emission": int(_at(st.Emission.get(ext, netuid), uid, 0)),
        "incentive": int(_at(st.Incentive.get(ext, netuid), uid, 0)),
        "consensus": int(_at(st.Consensus.get(ext, netuid), uid, 0)),
        "trust": 0,
        "validator_trust": int(_at(st.ValidatorTrust.get(ext, netuid), uid, 0)),
        "dividends": int(_at(st.Dividends.get(ext, netuid), uid, 0)),
        "last_update": int(_at(st.LastUpdate.get(ext, netuid), uid, 0)),
        "validator_permit": bool(_at(st.ValidatorPermit.get(ext, netuid), uid, False)),
    }


def neuron_lite(ext: Externalities, netuid: int, uid: int) -> dict[str, Any] | None:
    """``get_neuron_lite``: None when the subnet does not exist or the uid has no hotkey."""
    if not st.NetworksAdded.get(ext, netuid):
        return None
    fields = _neuron_fields(ext, netuid, uid)
    if fields is None:
        return None
    return fields | {"pruning_score": U16_MAX}


def neuron(ext: Externalities, netuid: int, uid: int) -> dict[str, Any] | None:
    """``get_neuron``: the lite fields plus the uid's positive weights and bonds."""
    if not st.NetworksAdded.get(ext, netuid):
        return None
    fields = _neuron_fields(ext, netuid, uid)
    if fields is None:
        return None
    return fields | {
        "weights": _nonzero_pairs(st.Weights.get(ext, netuid, uid)),
        "bonds": _nonzero_pairs(st.Bonds.get(ext, netuid, uid)),
        "pruning_score": U16_MAX,
    }


def _all(ext: Externalities, netuid: int, one: Any) -> list[dict[str, Any]]:
    """Uids 0..SubnetworkN in order, stopping at the first uid without a hotkey."""
    if not st.NetworksAdded.get(ext, netuid):
        return []
    result = []
    for uid in range(int(st.SubnetworkN.get(ext, netuid))):
        info = one(ext, netuid, uid)
        if info is None:
            break
        result.append(info)
    return result


def neurons_lite(ext: Externalities, netuid: int) -> list[dict[str, Any]]:
    """``get_neurons_lite``: every neuron of an existing subnet (empty otherwise)."""
    return _all(ext, netuid, neuron_lite)


def neurons(ext: Externalities, netuid: int) -> list[dict[str, Any]]:
    """``get_neurons``: every neuron of an existing subnet, with weights and bonds."""
    return _all(ext, netuid, neuron)
