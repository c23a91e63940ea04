"""Generated V14/V15 metadata decoded by the clients' SCALE library (scalecodec/cyscale)."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest
from scalecodec.base import ScaleBytes

from runtime.metadata import MetadataProvider, encode_metadata_v14, encode_metadata_v15
from runtime.primitives.era import IMMORTAL
from runtime.primitives.hashing import StorageHasher, blake2_256, twox128
from runtime.primitives.scale import encode_compact
from runtime.primitives.ss58 import ss58_encode
from tests.unit.metadata import sample_runtime as sample
from tests.unit.metadata.decoder import body, decode_metadata, registry_types

ALICE = bytes.fromhex("d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d")
BOB = bytes.fromhex("8eaf04151687736326c9fea17e25fc5287613693c912909cb226aa4794f26a48")
VERSIONS = pytest.mark.parametrize("version", [14, 15])


@cache
def _decoded(version: int) -> tuple[Any, Any]:
    encoder = encode_metadata_v14 if version == 14 else encode_metadata_v15
    return decode_metadata(encoder(sample.sample_metadata()))


def _pallet(version: int, name: str) -> dict[str, Any]:
    return next(p for p in body(_decoded(version)[1])["pallets"] if p["name"] == name)


@VERSIONS
def test_decode_pallets_have_their_indices(version: int) -> None:
    pallets = [(p["name"], p["index"]) for p in body(_decoded(version)[1])["pallets"]]
    assert pallets == [("System", 0), ("Timestamp", 2), ("Balances", 5),
                       ("SubtensorModule", 7), ("Utility", 11)]


@VERSIONS
def test_decode_type_ids_are_sequential(version: int) -> None:
    ids = [entry["id"] for entry in body(_decoded(version)[1])["types"]["types"]]
    assert ids == list(range(len(ids)))


@VERSIONS
def test_decode_balances_call_has_named_typed_args(version: int) -> None:
    _, metadata = _decoded(version)
    types = registry_types(metadata)
    call_type = types[_pallet(version, "Balances")["calls"]["ty"]]
    variants = {v["name"]: v for v in call_type["def"]["variant"]["variants"]}
    transfer = variants["transfer_keep_alive"]
    assert transfer["index"] == 3
    assert [(f["name"], f["typeName"]) for f in transfer["fields"]] == [
        ("dest", "AccountIdLookupOf<T>"), ("value", "T::Balance")]
    dest, value = (types[f["type"]] for f in transfer["fields"])
    assert dest["path"] == ["sp_runtime", "multiaddress", "MultiAddress"]
    assert [p["name"] for p in dest["params"]] == ["AccountId", "AccountIndex"]
    assert types[value["def"]["compact"]["type"]]["def"] == {"primitive": "u64"}


@VERSIONS
def test_compose_balances_transfer_gives_exact_bytes(version: int) -> None:
    config, metadata = _decoded(version)
    call = config.create_scale_object("Call", metadata=metadata)
    data = call.encode({"call_module": "Balances", "call_function": "transfer_keep_alive",
                        "call_args": {"dest": ss58_encode(ALICE, 42), "value": 12345}})
    assert data.data == bytes.fromhex("050300") + ALICE + encode_compact(12345)
    ours = sample.OUTER_ENUMS.call_type.encode(
        ("Balances", ("transfer_keep_alive", {"dest": ("Id", ALICE), "value": 12345})))
    assert ours == data.data


@VERSIONS
def test_decode_storage_entries_have_hashers_modifiers_defaults(version: int) -> None:
    entries = {e["name"]: e for e in _pallet(version, "SubtensorModule")["storage"]["entries"]}
    double = entries["LastHotkeySwapOnNetuid"]["type"]["Map"]
    assert double["hashers"] == ["Identity", "Blake2_128Concat"]
    system = {e["name"]: e for e in _pallet(version, "System")["storage"]["entries"]}
    assert system["Account"]["type"]["Map"]["hashers"] == ["Blake2_128Concat"]
    assert system["ExtrinsicCount"]["modifier"] == "Optional"
    assert system["Number"]["modifier"] == "Default"
    assert _pallet(version, "Utility")["storage"] is None
    types = registry_types(_decoded(version)[1])
    key = types[double["key"]]["def"]["tuple"]
    assert [types[k]["path"] or types[k]["def"] for k in key] == [
        {"primitive": "u16"}, ["sp_core", "crypto", "AccountId32"]]


@VERSIONS
def test_storage_key_and_value_decode_with_client(version: int) -> None:
    config, metadata = _decoded(version)
    entry = metadata.get_metadata_pallet("System").get_storage_function("Account")
    (key_type,) = entry.get_params_type_string()
    (hasher,) = entry.get_param_hashers()
    encoded_key = config.create_scale_object(key_type).encode(ss58_encode(ALICE, 42)).data
    client_key = (twox128(b"System") + twox128(b"Account")
                  + StorageHasher[hasher].hash(encoded_key))
    assert client_key == (twox128(b"System") + twox128(b"Account")
                          + StorageHasher.Blake2_128Concat.hash(ALICE))
    raw = sample.AccountInfo.encode({"nonce": 3, "consumers": 0, "providers": 1,
                                     "sufficients": 0, "data": {
                                         "free": 10**9, "reserved": 0, "frozen": 0,
                                         "flags": sample.FLAGS_DEFAULT}})
    value = config.create_scale_object(entry.get_value_type_string(), data=ScaleBytes(raw))
    assert value.decode()["data"]["free"] == 10**9
    assert value.value["nonce"] == 3


@VERSIONS
def test_events_storage_decodes_event_records(version: int) -> None:
    config, metadata = _decoded(version)
    entry = metadata.get_metadata_pallet("System").get_storage_function("Events")
    record = {"phase": ("ApplyExtrinsic", 1), "topics": [],
              "event": ("Balances", ("Transfer", {"from": ALICE, "to": BOB, "amount": 7}))}
    raw = sample.Vec(sample.EventRecord).encode([record])
    decoded = config.create_scale_object(entry.get_value_type_string(), data=ScaleBytes(raw))
    (event,) = decoded.decode()
    assert (event["phase"], event["extrinsic_idx"]) == ("ApplyExtrinsic", 1)
    assert event["event"]["module_id"] == "Balances"
    assert event["event"]["event_id"] == "Transfer"
    assert event["event"]["attributes"] == {"from": "0x" + ALICE.hex(), "to": "0x" + BOB.hex(),
                                            "amount": 7}


@VERSIONS
def test_decode_events_errors_constants(version: int) -> None:
    config, metadata = _decoded(version)
    types = registry_types(metadata)
    balances = _pallet(version, "Balances")
    event = types[balances["event"]["ty"]]["def"]["variant"]["variants"]
    transfer = next(v for v in event if v["name"] == "Transfer")
    assert (transfer["index"], [f["name"] for f in transfer["fields"]]) == (
        2, ["from", "to", "amount"])
    errors = types[balances["error"]["ty"]]["def"]["variant"]["variants"]
    assert [(e["name"], e["index"]) for e in errors] == [
        ("VestingBalance", 0), ("InsufficientBalance", 2), ("ExistentialDeposit", 3)]
    (deposit,) = balances["constants"]
    assert deposit["name"] == "ExistentialDeposit"
    assert bytes.fromhex(deposit["value"][2:]) == (500).to_bytes(8, "little")
    ss58 = next(c for c in _pallet(version, "System")["constants"] if c["name"] == "SS58Prefix")
    value = config.create_scale_object(f"scale_info::{ss58['type']}",
                                       data=ScaleBytes(ss58["value"].encode()))
    assert (value.decode(), ss58["documentation"]) == (42, [" The SS58 prefix."])


@VERSIONS
def test_signed_extensions_are_listed_in_order(version: int) -> None:
    extrinsic = body(_decoded(version)[1])["extrinsic"]
    assert extrinsic["version"] == 4
    assert [e["identifier"] for e in extrinsic["signed_extensions"]] == [
        ext.identifier for ext in sample.EXTENSIONS]


@VERSIONS
def test_signed_extrinsic_decodes_with_client(version: int) -> None:
    config, metadata = _decoded(version)
    call = sample.OUTER_ENUMS.call_type.encode(
        ("Balances", ("transfer_keep_alive", {"dest": ("Id", BOB), "value": 10**9})))
    signature = b"\x01" + bytes(range(64))
    extra = IMMORTAL.encode() + encode_compact(5) + encode_compact(0) + b"\x00"
    body_bytes = b"\x84" + b"\x00" + ALICE + signature + extra + call
    full = encode_compact(len(body_bytes)) + body_bytes
    extrinsic = config.create_scale_object("Extrinsic", data=ScaleBytes(full), metadata=metadata)
    value = extrinsic.decode()
    assert value["extrinsic_hash"] == "0x" + blake2_256(full).hex()
    assert (value["address"], value["nonce"], value["tip"], value["era"]) == (
        "0x" + ALICE.hex(), 5, 0, "00")
    assert value["signature"] == {"Sr25519": "0x" + bytes(range(64)).hex()}
    assert value["mode"] == {"mode": "Disabled"}
    assert (value["call"]["call_index"], value["call"]["call_function"]) == (
        "0x0503", "transfer_keep_alive")
    assert [arg["value"] for arg in value["call"]["call_args"]] == ["0x" + BOB.hex(), 10**9]


def test_v14_extrinsic_type_carries_named_params() -> None:
    _, metadata = _decoded(14)
    types = registry_types(metadata)
    outer = types[body(metadata)["extrinsic"]["ty"]]
    assert outer["path"] == ["fp_self_contained", "unchecked_extrinsic", "UncheckedExtrinsic"]
    (inner_field,) = outer["def"]["composite"]["fields"]
    inner = types[inner_field["type"]]
    assert inner["path"] == ["sp_runtime", "generic", "unchecked_extrinsic", "UncheckedExtrinsic"]
    assert [p["name"] for p in inner["params"]] == ["Address", "Call", "Signature", "Extra"]
    assert types[inner["def"]["composite"]["fields"][0]["type"]]["def"] == {"sequence": {
        "type": next(i for i, t in types.items() if t["def"] == {"primitive": "u8"})}}


def test_v15_apis_outer_enums_and_custom_decode() -> None:
    _, metadata = _decoded(15)
    v15 = body(metadata)
    types = registry_types(metadata)
    assert [api["name"] for api in v15["apis"]] == ["Metadata", "SwapRuntimeApi",
                                                    "SubnetInfoRuntimeApi"]
    swap = v15["apis"][1]
    assert swap["name"] == "SwapRuntimeApi"
    method = swap["methods"][1]
    assert [i["name"] for i in method["inputs"]] == ["netuid", "alpha"]
    assert types[method["output"]]["path"] == ["pallet_subtensor_swap_runtime_api",
                                                "SimSwapResult"]
    assert v15["apis"][2]["docs"] == [" Subnet information."]
    enums = v15["outer_enums"]
    names = [types[enums[k]]["path"][-1] for k in ("call_enum_ty", "event_enum_ty",
                                                   "error_enum_ty")]
    assert names == ["RuntimeCall", "RuntimeEvent", "RuntimeError"]
    assert v15["extrinsic"]["call_ty"] == enums["call_enum_ty"]
    assert [key for key, _ in v15["custom"]] == ["tensorchain"]
    assert _pallet(15, "System")["docs"] == [" The System pallet."]


def test_metadata_api_outputs_decode_with_their_declared_types() -> None:
    config, metadata = _decoded(15)
    methods = {m["name"]: m for m in body(metadata)["apis"][0]["methods"]}
    provider = MetadataProvider(sample.sample_metadata())
    at_version = methods["metadata_at_version"]
    assert [(i["name"], registry_types(metadata)[i["ty"]]["def"]) for i in at_version["inputs"]] \
        == [("version", {"primitive": "u32"})]
    for name, output, expected in (
            ("metadata_at_version", provider.metadata_at_version(15),
             "0x" + provider.metadata_bytes(15).hex()),
            ("metadata", provider.metadata(), "0x" + provider.metadata_bytes(14).hex()),
            ("metadata_versions", provider.metadata_versions(), [14, 15])):
        decoded = config.create_scale_object(f"scale_info::{methods[name]['output']}",
                                             data=ScaleBytes(output)).decode()
        assert decoded == expected
    none = config.create_scale_object(f"scale_info::{at_version['output']}",
                                      data=ScaleBytes(provider.metadata_at_version(16)))
    assert none.decode() is None
