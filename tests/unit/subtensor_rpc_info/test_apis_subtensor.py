"""SubtensorModule runtime APIs over a subnet written into storage: each output encoded with
the rpc_info types and decoded by scalecodec through the runtime's V15 metadata."""

from __future__ import annotations

import pytest

from runtime.apis import API_VERSIONS, RuntimeApiError, served_methods
from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.registration.network import network_lock_cost
from runtime.primitives.hashing import runtime_api_id
from tests.unit.runtime.test_apis_support import NODE, call_api
from tests.unit.subtensor_rpc_info.support import (
    AXON,
    COLDKEYS,
    HOTKEYS,
    MOVING_PRICE_BITS,
    NETUID,
    OWNER_COLD,
    OWNER_HOT,
    query,
    subnet_state,
)


def _hex(account: bytes) -> str:
    return "0x" + account.hex()


def test_subtensor_apis_declared_with_reference_versions_and_param_names() -> None:
    methods = served_methods(NODE)
    assert "NeuronInfoRuntimeApi_get_neurons_lite" in methods
    assert "SubnetRegistrationRuntimeApi_get_network_registration_cost" in methods
    versions = {a.name: a.version for a in NODE.apis}
    assert versions["SubnetInfoRuntimeApi"] == 2 == API_VERSIONS["SubnetInfoRuntimeApi"]
    assert versions["NeuronInfoRuntimeApi"] == 1
    neuron_api = next(a for a in NODE.apis if a.name == "NeuronInfoRuntimeApi")
    get_neuron = next(m for m in neuron_api.metadata.methods if m.name == "get_neuron")
    assert [name for name, _ in get_neuron.inputs] == ["netuid", "uid"]
    assert neuron_api.api_id == runtime_api_id("NeuronInfoRuntimeApi")


def test_get_neurons_lite_returns_every_uid_with_stored_fields() -> None:
    lite = query(subnet_state(), "NeuronInfoRuntimeApi_get_neurons_lite", netuid=NETUID)
    assert [n["uid"] for n in lite] == [0, 1, 2]
    first, second, third = lite
    assert first["hotkey"] == _hex(HOTKEYS[0]) and first["coldkey"] == _hex(COLDKEYS[0])
    assert first["axon_info"] == AXON and first["prometheus_info"]["port"] == 0
    assert first["stake"] == [(_hex(COLDKEYS[0]), 1000)]
    assert (first["active"], second["active"], third["active"]) == (True, False, False)
    assert [n["emission"] for n in lite] == [500, 0, 9]
    assert [n["incentive"] for n in lite] == [0, 65535, 10]
    assert [n["validator_trust"] for n in lite] == [40000, 0, 0]
    assert [n["last_update"] for n in lite] == [100, 101, 102]
    assert [n["validator_permit"] for n in lite] == [True, False, False]
    assert {(n["rank"], n["trust"], n["pruning_score"]) for n in lite} == {(0, 0, 65535)}
    assert "weights" not in first


def test_get_neuron_keeps_only_positive_weights_and_bonds() -> None:
    neuron = query(subnet_state(), "NeuronInfoRuntimeApi_get_neuron", netuid=NETUID, uid=0)
    assert neuron["weights"] == [(1, 30000), (0, 5)]
    assert neuron["bonds"] == [(2, 77)]
    assert neuron["dividends"] == 65535 and neuron["netuid"] == NETUID


def test_get_neurons_stops_at_first_uid_without_hotkey() -> None:
    ext = subnet_state()
    st.Keys.remove(ext, NETUID, 1)
    neurons = query(ext, "NeuronInfoRuntimeApi_get_neurons", netuid=NETUID)
    assert [n["uid"] for n in neurons] == [0]
    assert query(ext, "NeuronInfoRuntimeApi_get_neuron_lite", netuid=NETUID, uid=1) is None


def test_neuron_queries_on_missing_subnet_are_empty() -> None:
    ext = subnet_state()
    assert query(ext, "NeuronInfoRuntimeApi_get_neurons_lite", netuid=7) == []
    assert query(ext, "NeuronInfoRuntimeApi_get_neuron", netuid=7, uid=0) is None
    assert query(ext, "NeuronInfoRuntimeApi_get_neuron_lite", netuid=NETUID, uid=3) is None


def test_get_dynamic_info_decodes_names_as_byte_lists_and_price_as_bits() -> None:
    info = query(subnet_state(), "SubnetInfoRuntimeApi_get_dynamic_info", netuid=NETUID)
    assert bytes(info["subnet_name"]) == b"omron"
    assert bytes(info["token_symbol"]).decode() == "β"
    assert info["moving_price"] == {"bits": MOVING_PRICE_BITS}
    assert info["owner_hotkey"] == _hex(OWNER_HOT) and info["owner_coldkey"] == _hex(OWNER_COLD)
    assert (info["last_step"], info["blocks_since_last_step"]) == (120, 30)
    assert (info["alpha_in"], info["alpha_out"], info["tao_in"]) == (10**12, 2 * 10**12,
                                                                       5 * 10**11)
    assert info["pending_alpha_emission"] == 42 and info["pending_root_emission"] == 0
    assert info["subnet_volume"] == 1 << 70 and info["network_registered_at"] == 9
    assert info["subnet_identity"] is None and info["tempo"] == 360


def test_get_dynamic_info_uses_identity_name_when_set() -> None:
    ext = subnet_state()
    identity = {name: b"" for name in ("subnet_name", "github_repo", "subnet_contact",
                                       "subnet_url", "discord", "description", "logo_url",
                                       "additional")} | {"subnet_name": b"mine"}
    st.SubnetIdentitiesV3.insert(ext, NETUID, identity)
    info = query(ext, "SubnetInfoRuntimeApi_get_dynamic_info", netuid=NETUID)
    assert bytes(info["subnet_name"]) == b"mine"
    assert info["subnet_identity"]["subnet_name"] == "mine"


def test_get_all_dynamic_info_lists_every_networks_added_key() -> None:
    ext = subnet_state()
    st.NetworksAdded.insert(ext, 5, False)
    infos = query(ext, "SubnetInfoRuntimeApi_get_all_dynamic_info")
    assert [None if i is None else i["netuid"] for i in infos] == [NETUID, None]
    assert query(ext, "SubnetInfoRuntimeApi_get_dynamic_info", netuid=5) is None


def test_get_subnet_info_v2_reads_hyperparameters_and_owner() -> None:
    ext = subnet_state()
    info = query(ext, "SubnetInfoRuntimeApi_get_subnet_info_v2", netuid=NETUID)
    assert info["kappa"] == 33000 and info["burn"] == 123_456
    assert info["subnetwork_n"] == 3 and info["blocks_since_last_step"] == 30
    assert info["max_weights_limit"] == 65535 and info["network_connect"] == []
    assert info["owner"] == _hex(OWNER_COLD) and info["identity"] is None
    assert info["rho"] == int(st.Rho.get(ext, NETUID))
    assert query(ext, "SubnetInfoRuntimeApi_get_subnets_info_v2") == [info]
    assert query(ext, "SubnetInfoRuntimeApi_get_subnet_info_v2", netuid=9) is None


def test_get_network_registration_cost_is_the_lock_cost() -> None:
    ext = subnet_state()
    cost = query(ext, "SubnetRegistrationRuntimeApi_get_network_registration_cost")
    assert cost == network_lock_cost(ext) and cost > 0


def test_bad_input_is_rejected() -> None:
    ext = subnet_state()
    with pytest.raises(RuntimeApiError, match="Bad input data provided to"):
        call_api("NeuronInfoRuntimeApi_get_neuron", b"\x02\x00", ext)
    with pytest.raises(RuntimeApiError, match="1 unexpected byte"):
        call_api("SubnetInfoRuntimeApi_get_all_dynamic_info", b"\x00", ext)
