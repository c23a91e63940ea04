"""A dev-genesis state with one subnet and three neurons written straight into storage, and
the clients' decoding of runtime-API outputs through the assembled runtime's V15 metadata."""

from __future__ import annotations

from functools import cache
from typing import Any

from scalecodec.base import ScaleBytes

from runtime.frame import system
from runtime.pallets.subtensor import storage as st
from runtime.primitives.fixed import I96F32
from runtime.primitives.ss58 import ss58_encode
from storage.overlay import Overlay
from tests.unit.metadata.decoder import body, decode_metadata
from tests.unit.runtime.test_apis_support import NODE, call_api, genesis_state

NETUID = 2
OWNER_COLD = bytes([0x11]) * 32
OWNER_HOT = bytes([0x12]) * 32
HOTKEYS = [bytes([0x20 + i]) * 32 for i in range(3)]
COLDKEYS = [bytes([0x30 + i]) * 32 for i in range(3)]
AXON = {"block": 7, "version": 3, "ip": 0x7F000001, "port": 8091, "ip_type": 4,
        "protocol": 4, "placeholder1": 0, "placeholder2": 0}
MOVING_PRICE_BITS = 3 << 31  # 1.5 as I96F32
BLOCK = 150


def ss58(account: bytes) -> str:
    """The SS58 (prefix 42) form clients decode an AccountId32 to."""
    return ss58_encode(account, 42)


def _write_neurons(ext: Overlay) -> None:
    for uid, (hot, cold) in enumerate(zip(HOTKEYS, COLDKEYS, strict=True)):
        st.Keys.insert(ext, NETUID, uid, hot)
        st.Uids.insert(ext, NETUID, hot, uid)
        st.Owner.insert(ext, hot, cold)
        st.TotalHotkeyAlpha.insert(ext, hot, NETUID, 1_000 * (uid + 1))
    st.SubnetworkN.insert(ext, NETUID, 3)
    st.Axons.insert(ext, NETUID, HOTKEYS[0], AXON)
    st.Active.insert(ext, NETUID, [True, False])
    st.Emission.insert(ext, NETUID, [500, 0, 9])
    st.Incentive.insert(ext, NETUID, [0, 65535, 10])
    st.Consensus.insert(ext, NETUID, [1, 2, 3])
    st.ValidatorTrust.insert(ext, NETUID, [40000])
    st.Dividends.insert(ext, NETUID, [65535, 0, 0])
    st.LastUpdate.insert(ext, NETUID, [100, 101, 102])
    st.ValidatorPermit.insert(ext, NETUID, [True, False, False])
    st.Weights.insert(ext, NETUID, 0, [(1, 30000), (2, 0), (0, 5)])
    st.Bonds.insert(ext, NETUID, 0, [(1, 0), (2, 77)])


def _write_subnet(ext: Overlay) -> None:
    st.NetworksAdded.insert(ext, NETUID, True)
    st.SubnetOwner.insert(ext, NETUID, OWNER_COLD)
    st.SubnetOwnerHotkey.insert(ext, NETUID, OWNER_HOT)
    st.TokenSymbol.insert(ext, NETUID, "β".encode())
    st.Tempo.insert(ext, NETUID, 360)
    st.LastMechansimStepBlock.insert(ext, NETUID, 120)
    st.SubnetAlphaIn.insert(ext, NETUID, 10**12)
    st.SubnetAlphaOut.insert(ext, NETUID, 2 * 10**12)
    st.SubnetTAO.insert(ext, NETUID, 5 * 10**11)
    st.PendingValidatorEmission.insert(ext, NETUID, 40)
    st.PendingServerEmission.insert(ext, NETUID, 2)
    st.SubnetVolume.insert(ext, NETUID, 1 << 70)
    st.NetworkRegisteredAt.insert(ext, NETUID, 9)
    st.SubnetMovingPrice.insert(ext, NETUID, I96F32.from_bits(MOVING_PRICE_BITS))
    st.Kappa.insert(ext, NETUID, 33000)
    st.BlocksSinceLastStep.insert(ext, NETUID, 30)
    st.Burn.insert(ext, NETUID, 123_456)


def subnet_state() -> Overlay:
    """Dev genesis, then subnet :data:`NETUID` with three neurons, at block :data:`BLOCK`."""
    ext, _ = genesis_state()
    system.Number.insert(ext, BLOCK)
    _write_subnet(ext)
    _write_neurons(ext)
    return ext


@cache
def _client() -> tuple[Any, dict[str, dict[str, Any]]]:
    config, metadata = decode_metadata(NODE.metadata.metadata_bytes(15))
    methods = {f"{api['name']}_{m['name']}": m for api in body(metadata)["apis"]
               for m in api["methods"]}
    return config, methods


def client_encode(method: str, params: dict[str, Any]) -> bytes:
    """The method's parameters encoded by name with their declared V15 types, as clients do."""
    config, methods = _client()
    out = b""
    for param in methods[method]["inputs"]:
        obj = config.create_scale_object(f"scale_info::{param['ty']}")
        out += bytes(obj.encode(params[param["name"]]).data)
    return out


def query(ext: Overlay, method: str, **params: Any) -> Any:
    """``state_call`` of ``method`` with named params; the output decoded by the client codec
    with the declared V15 output type, every byte consumed."""
    output = call_api(method, client_encode(method, params), ext)
    config, methods = _client()
    obj = config.create_scale_object(f"scale_info::{methods[method]['output']}",
                                     data=ScaleBytes(output))
    value = obj.decode()
    assert obj.data.offset == len(output), f"{method}: trailing bytes"
    return value
