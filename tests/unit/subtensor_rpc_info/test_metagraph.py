"""``SubnetInfoRuntimeApi.get_metagraph`` / ``get_all_metagraphs`` decoded through the runtime's
V15 metadata, with the keys the SDK reads (clients.md §6.3)."""

from __future__ import annotations

from runtime.pallets.subtensor import storage as st
from tests.unit.subtensor_rpc_info.support import (
    AXON,
    BLOCK,
    COLDKEYS,
    HOTKEYS,
    MOVING_PRICE_BITS,
    NETUID,
    OWNER_COLD,
    query,
    subnet_state,
)

SDK_KEYS = (
    "netuid", "name", "symbol", "identity", "network_registered_at", "owner_hotkey",
    "owner_coldkey", "block", "tempo", "last_step", "blocks_since_last_step", "alpha_in",
    "tao_in", "moving_price", "num_uids", "max_uids", "hotkeys", "coldkeys", "identities",
    "axons", "active", "validator_permit", "pruning_score", "last_update", "emission",
    "dividends", "incentives", "consensus", "trust", "rank", "block_at_registration",
    "alpha_stake", "tao_stake", "total_stake",
)


def _identity(name: bytes) -> dict[str, bytes]:
    fields = ("name", "url", "github_repo", "image", "discord", "description", "additional")
    return {field: b"" for field in fields} | {"name": name}


def test_get_metagraph_has_sdk_fields_with_stored_values() -> None:
    ext = subnet_state()
    st.IdentitiesV2.insert(ext, COLDKEYS[1], _identity(b"carol"))
    st.AlphaDividendsPerSubnet.insert(ext, NETUID, HOTKEYS[2], 44)
    graph = query(ext, "SubnetInfoRuntimeApi_get_metagraph", netuid=NETUID)
    assert set(SDK_KEYS) <= set(graph) and len(graph) == 72
    assert bytes(graph["name"]) == b"omron" and bytes(graph["symbol"]).decode() == "β"
    assert graph["block"] == BLOCK and graph["blocks_since_last_step"] == BLOCK - 120
    assert graph["owner_coldkey"] == "0x" + OWNER_COLD.hex()
    assert graph["moving_price"] == {"bits": MOVING_PRICE_BITS}
    assert graph["num_uids"] == 3 and graph["kappa"] == 33000 and graph["burn"] == 123_456
    assert graph["subnet_emission"] == 0 and graph["pending_alpha_emission"] == 42
    assert graph["axons"][0] == AXON and graph["axons"][1]["port"] == 0
    assert graph["identities"][0] is None and graph["identities"][1]["name"] == "carol"
    assert graph["alpha_stake"] == [1000, 2000, 3000] and graph["trust"] == []
    assert graph["tao_dividends_per_hotkey"] == [("0x" + h.hex(), 0) for h in HOTKEYS]
    assert graph["alpha_dividends_per_hotkey"][2] == ("0x" + HOTKEYS[2].hex(), 44)


def test_get_all_metagraphs_follows_networks_added_keys() -> None:
    ext = subnet_state()
    st.NetworksAdded.insert(ext, 3, False)
    graphs = query(ext, "SubnetInfoRuntimeApi_get_all_metagraphs")
    assert [None if g is None else g["netuid"] for g in graphs] == [NETUID, None]
    assert query(ext, "SubnetInfoRuntimeApi_get_metagraph", netuid=3) is None


def test_get_mechagraph_reads_mechanism_index_vectors() -> None:
    ext = subnet_state()
    st.MechanismCountCurrent.insert(ext, NETUID, 2)
    index = 4096 + NETUID
    st.Incentive.insert(ext, index, [7, 8, 9])
    st.LastUpdate.insert(ext, index, [140, 141, 142])
    graph = query(ext, "SubnetInfoRuntimeApi_get_mechagraph", netuid=NETUID, mecid=1)
    assert graph["netuid"] == index  # the reference reports the storage index here
    assert graph["incentives"] == [7, 8, 9] and graph["last_update"] == [140, 141, 142]
    assert graph["emission"] == [500, 0, 9]
    base = query(ext, "SubnetInfoRuntimeApi_get_mechagraph", netuid=NETUID, mecid=0)
    assert base == query(ext, "SubnetInfoRuntimeApi_get_metagraph", netuid=NETUID)
    assert query(ext, "SubnetInfoRuntimeApi_get_mechagraph", netuid=NETUID, mecid=2) is None
    every = query(ext, "SubnetInfoRuntimeApi_get_all_mechagraphs")
    assert [g["netuid"] for g in every] == [NETUID, index]
