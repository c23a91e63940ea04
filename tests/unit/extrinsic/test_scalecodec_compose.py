"""Extrinsics composed end to end by py-scale-codec (the codec the bittensor SDK's stack builds
on) from a V14 metadata carrying subtensor's extension list, signed by bittensor_wallet.

There is no recorded metadata blob here, so the test writes a small V14 one with scalecodec's
own metadata types: the scale-info paths clients key on (AccountId32, MultiAddress,
MultiSignature, Era, UncheckedExtrinsic with its Address/Call/Signature/Extra parameters),
``Balances.transfer_keep_alive`` at index 5/3, and the 13 signed extensions in runtime order.
"""

from __future__ import annotations

from typing import Any

import pytest
from bittensor_wallet import Keypair as WalletKeypair
from hypothesis import given, settings
from hypothesis import strategies as st
from scalecodec.base import RuntimeConfigurationObject, ScaleBytes
from scalecodec.type_registry import load_type_registry_preset

from runtime.extrinsic import (
    SUBTENSOR_EXTENSIONS,
    CheckedExtrinsic,
    MetadataHashMode,
    SignedExtra,
    build_signed_extrinsic,
    check_extrinsic,
    decode_extrinsic,
    signing_payload,
)
from runtime.primitives.era import IMMORTAL, Era, Mortal
from runtime.primitives.keys import Keypair
from tests.unit.extrinsic.support import (
    GENESIS,
    SPEC_VERSION,
    TX_VERSION,
    block_hash_of,
    make_chain,
    signer_context,
)

DEST = "0x8eaf04151687736326c9fea17e25fc5287613693c912909cb226aa4794f26a48"


def _node(definition: dict[str, Any], path: tuple[str, ...] = (),
          params: tuple[tuple[str, int], ...] = ()) -> dict[str, Any]:
    return {"path": list(path), "params": [{"name": n, "type": t} for n, t in params],
            "def": definition, "docs": []}


def _fields(fields: list[tuple[str | None, int, str | None]]) -> list[dict[str, Any]]:
    return [{"name": n, "type": t, "typeName": tn, "docs": []} for n, t, tn in fields]


def _composite(path: tuple[str, ...], fields: list[tuple[str | None, int, str | None]],
               params: tuple[tuple[str, int], ...] = ()) -> dict[str, Any]:
    return _node({"composite": {"fields": _fields(fields)}}, path, params)


def _variant(path: tuple[str, ...], variants: list[tuple[str, list, int]],
             params: tuple[tuple[str, int], ...] = ()) -> dict[str, Any]:
    return _node({"variant": {"variants": [
        {"name": n, "fields": _fields(f), "index": i, "docs": []} for n, f, i in variants]}},
        path, params)


def _registry() -> dict[int, dict[str, Any]]:
    def array(n: int) -> dict[str, Any]:
        return _node({"array": {"len": n, "type": 0}})

    bytes32 = [(None, 1, "[u8; 32]")]
    return {
        0: _node({"primitive": "u8"}), 1: array(32), 3: _node({"tuple": []}),
        2: _composite(("sp_core", "crypto", "AccountId32"), bytes32),
        4: _node({"primitive": "u32"}), 5: _node({"compact": {"type": 4}}),
        6: _node({"sequence": {"type": 0}}), 7: array(20), 9: array(64), 12: array(65),
        8: _variant(("sp_runtime", "multiaddress", "MultiAddress"), [
            ("Id", [(None, 2, "AccountId")], 0), ("Index", [(None, 5, "AccountIndex")], 1),
            ("Raw", [(None, 6, "Vec<u8>")], 2), ("Address32", bytes32, 3),
            ("Address20", [(None, 7, "[u8; 20]")], 4)], (("AccountId", 2), ("AccountIndex", 3))),
        10: _composite(("sp_core", "ed25519", "Signature"), [(None, 9, "[u8; 64]")]),
        11: _composite(("sp_core", "sr25519", "Signature"), [(None, 9, "[u8; 64]")]),
        13: _composite(("sp_core", "ecdsa", "Signature"), [(None, 12, "[u8; 65]")]),
        14: _variant(("sp_runtime", "MultiSignature"), [
            ("Ed25519", [(None, 10, None)], 0), ("Sr25519", [(None, 11, None)], 1),
            ("Ecdsa", [(None, 13, None)], 2)]),
        15: _variant(("sp_runtime", "generic", "era", "Era"), [("Immortal", [], 0)] + [
            (f"Mortal{i}", [(None, 0, None)], i) for i in range(1, 256)]),
        16: _node({"primitive": "u64"}), 17: _node({"compact": {"type": 16}}),
        19: _variant(("frame_metadata_hash_extension", "Mode"),
                     [("Disabled", [], 0), ("Enabled", [], 1)]),
        20: _composite(("frame_metadata_hash_extension", "CheckMetadataHash"),
                       [("mode", 19, "Mode")]),
        21: _variant(("Option",), [("None", [], 0), ("Some", [(None, 1, None)], 1)], (("T", 1),)),
        22: _composite(("primitive_types", "H256"), bytes32),
        23: _variant(("pallet_balances", "pallet", "Call"), [("transfer_keep_alive", [
            ("dest", 8, "AccountIdLookupOf<T>"), ("value", 17, "T::Balance")], 3)]),
        24: _variant(("node_subtensor_runtime", "RuntimeCall"), [("Balances", [(None, 23, None)],
                                                                  5)]),
        25: _composite(("sp_runtime", "generic", "unchecked_extrinsic", "UncheckedExtrinsic"),
                       [(None, 6, None)],
                       (("Address", 8), ("Call", 24), ("Signature", 14), ("Extra", 3))),
    }


# (explicit type id, implicit type id) per extension identifier
_EXTENSION_TYPES = {"CheckSpecVersion": (3, 4), "CheckTxVersion": (3, 4), "CheckGenesis": (3, 22),
                    "CheckMortality": (15, 22), "CheckNonce": (5, 3),
                    "ChargeTransactionPayment": (17, 3), "CheckMetadataHash": (20, 21)}


def _metadata_client() -> tuple[RuntimeConfigurationObject, Any]:
    config = RuntimeConfigurationObject()
    config.update_type_registry(load_type_registry_preset("core"))
    extensions = [{"identifier": name, "ty": _EXTENSION_TYPES.get(name, (3, 3))[0],
                   "additional_signed": _EXTENSION_TYPES.get(name, (3, 3))[1]}
                  for name in SUBTENSOR_EXTENSIONS.identifiers]
    value = ["0x6d657461", {"V14": {
        "types": {"types": [{"id": i, "type": t} for i, t in sorted(_registry().items())]},
        "pallets": [{"name": "Balances", "storage": None, "calls": {"ty": 23}, "event": None,
                     "constants": [], "error": None, "index": 5}],
        "extrinsic": {"ty": 25, "version": 4, "signed_extensions": extensions},
        "runtime_type": 3}}]
    metadata = config.create_scale_object(
        "MetadataVersioned", data=config.create_scale_object("MetadataVersioned").encode(value))
    metadata.decode()
    config.add_portable_registry(metadata)
    return config, metadata


CONFIG, METADATA = _metadata_client()
KEY = Keypair.from_uri("//Alice")


def _scale(type_name: str, value: object) -> bytes:
    return bytes(CONFIG.create_scale_object(type_name).encode(value).data)


def _era_value(era: Era, current: int) -> object:
    return "00" if era is IMMORTAL else {"period": era.period, "current": current}


def compose(wallet: WalletKeypair, value: int, era: Era, current: int, nonce: int, tip: int,
            variant: str) -> bytes:
    """Every byte by scalecodec, the signature by bittensor_wallet."""
    call_value = {"call_module": "Balances", "call_function": "transfer_keep_alive",
                  "call_args": {"dest": {"Id": DEST}, "value": value}}
    call = bytes(CONFIG.create_scale_object("Call", metadata=METADATA).encode(call_value).data)
    era_value = _era_value(era, current)
    extra = (_scale("Era", era_value) + _scale("Compact<u32>", nonce)
             + _scale("Compact<u64>", tip) + b"\x00")
    implicit = (_scale("u32", SPEC_VERSION) + _scale("u32", TX_VERSION) + GENESIS
                + block_hash_of(era.birth(current)) + b"\x00")
    signature = wallet.sign(signing_payload(call, extra, implicit))
    xt = CONFIG.create_scale_object("Extrinsic", metadata=METADATA)
    return bytes(xt.encode({
        "address": "0x" + wallet.public_key.hex(),
        "signature": {variant: "0x" + signature.hex()}, "era": era_value, "nonce": nonce,
        "tip": tip, "mode": {"mode": "Disabled"}, "call": call_value}).data)


def test_ed25519_composition_equals_ours_byte_for_byte() -> None:
    wallet = WalletKeypair.create_from_uri("//Ferdie", crypto_type=0)
    era, current = Mortal.from_current(128, 4321), 4321
    raw = compose(wallet, 10**9, era, current, 7, 0, "Ed25519")
    ours = build_signed_extrinsic(
        Keypair.from_uri("//Ferdie", "ed25519"), decode_extrinsic(raw).call, SignedExtra(era, 7),
        signer_context(era.birth(current)))
    assert ours.encode() == raw


@pytest.mark.parametrize("era", [IMMORTAL, Mortal.from_current(16, 999)])
def test_sr25519_composition_passes_our_decode_and_check(era: Era) -> None:
    wallet = WalletKeypair.create_from_uri("//Alice")
    raw = compose(wallet, 12345, era, 999, 3, 500, "Sr25519")
    xt = decode_extrinsic(raw)
    assert xt.encode() == raw
    assert check_extrinsic(xt, make_chain(1000)) == CheckedExtrinsic(
        wallet.public_key, xt.call, SignedExtra(era, 3, 500))


@settings(max_examples=40, deadline=None)
@given(st.integers(0, (1 << 64) - 1), st.integers(0, (1 << 32) - 1), st.integers(0, 10**12),
       st.sampled_from([4, 64, 128, 4096]), st.booleans())
def test_scalecodec_decodes_our_extrinsics(value: int, nonce: int, tip: int, period: int,
                                           enabled: bool) -> None:
    call = _scale_call(value)
    era = Mortal.from_current(period, 10_000)
    mode = MetadataHashMode.ENABLED if enabled else MetadataHashMode.DISABLED
    context = signer_context(era.birth(10_000), bytes(32) if enabled else None)
    raw = build_signed_extrinsic(KEY, call, SignedExtra(era, nonce, tip, mode), context).encode()
    decoded = CONFIG.create_scale_object("Extrinsic", data=ScaleBytes(raw), metadata=METADATA)
    fields = decoded.decode()
    assert (fields["nonce"], fields["tip"]) == (nonce, tip)
    assert tuple(fields["era"]) == (era.period, era.phase)
    assert fields["mode"] == {"mode": "Enabled" if enabled else "Disabled"}
    assert fields["call"]["call_args"][1]["value"] == value
    assert fields["address"] == "0x" + KEY.account_id.hex()


def _scale_call(value: int) -> bytes:
    return bytes(CONFIG.create_scale_object("Call", metadata=METADATA).encode(
        {"call_module": "Balances", "call_function": "transfer_keep_alive",
         "call_args": {"dest": {"Id": DEST}, "value": value}}).data)

