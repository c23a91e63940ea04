"""Every runtime API's input and output, checked with the clients' codec (scalecodec) against
the V15 declarations the runtime serves, plus the API-specific behaviour."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest
from scalecodec.base import ScaleBytes

from runtime.apis import API_VERSIONS, RuntimeApiError, dispatch, served_methods
from runtime.apis.types import CheckInherentsResult, InherentData
from runtime.extrinsic.extensions import SignedExtra
from runtime.extrinsic.format import (
    MultiAddress,
    MultiSignature,
    SignatureScheme,
    SignedData,
    UncheckedExtrinsic,
    decode_extrinsic,
)
from runtime.pallets.transaction_payment.fees import compute_fee
from runtime.primitives.block import Block
from runtime.primitives.hashing import runtime_api_id
from runtime.primitives.scale import U32, U64
from runtime.primitives.ss58 import ss58_encode
from tests.unit.metadata.decoder import body, decode_metadata
from tests.unit.runtime.test_apis_support import (
    ALICE,
    BOB,
    CHARLIE,
    NODE,
    NOW_MS,
    block_header,
    call_api,
    genesis_state,
    runtime_call,
    signed,
    transfer_keep_alive,
)

TRANSFER = transfer_keep_alive(CHARLIE.account_id, 10**9)


@cache
def _client() -> tuple[Any, dict[str, dict[str, Any]]]:
    config, metadata = decode_metadata(NODE.metadata.metadata_bytes(15))
    methods = {f"{api['name']}_{m['name']}": m for api in body(metadata)["apis"]
               for m in api["methods"]}
    return config, methods


def _client_decode(method: str, output: bytes) -> Any:
    """Decode ``output`` as the clients do: with the declared V15 output type, every byte."""
    config, methods = _client()
    obj = config.create_scale_object(f"scale_info::{methods[method]['output']}",
                                     data=ScaleBytes(output))
    value = obj.decode()
    assert obj.data.offset == len(output), f"{method}: trailing bytes"
    return value


def _client_encode(method: str, param: str, value: Any) -> bytes:
    config, methods = _client()
    (ty,) = [p["ty"] for p in methods[method]["inputs"] if p["name"] == param]
    return bytes(config.create_scale_object(f"scale_info::{ty}").encode(value).data)


def _zero_signature(extrinsic: bytes) -> bytes:
    """The same extrinsic with an all-zero signature (what clients send to query_info)."""
    decoded = decode_extrinsic(extrinsic)
    assert decoded.signed is not None
    zeroed = SignedData(decoded.signed.address, MultiSignature(SignatureScheme.SR25519,
                                                               bytes(64)),
                        decoded.signed.extra, decoded.signed.explicit)
    return UncheckedExtrinsic(decoded.call, zeroed).encode()


def test_served_methods_are_exactly_the_declared_ones() -> None:
    assert sorted(served_methods(NODE)) == sorted(_client()[1])
    assert set(served_methods(NODE)) >= {
        "Core_version", "Metadata_metadata_at_version", "BlockBuilder_apply_extrinsic",
        "TaggedTransactionQueue_validate_transaction", "AccountNonceApi_account_nonce",
        "TransactionPaymentApi_query_info", "AuraApi_authorities"}


def test_core_version_lists_every_served_api_with_reference_versions() -> None:
    ext, _ = genesis_state()
    version = _client_decode("Core_version", call_api("Core_version", b"", ext))
    assert version["spec_name"] == "node-subtensor" and version["spec_version"] == 425
    listed = {bytes.fromhex(api_id[2:]): v for api_id, v in version["apis"]}
    assert listed == {runtime_api_id(a.name): API_VERSIONS[a.name] for a in NODE.apis}
    assert listed[bytes.fromhex("df6acb689907609b")] == 5  # Core
    assert listed[bytes.fromhex("37c8bb1350a9a2a8")] == 4  # TransactionPaymentApi


def test_unknown_method_gives_substrates_message() -> None:
    ext, _ = genesis_state()
    with pytest.raises(RuntimeApiError) as raised:
        dispatch("Nope_nothing", b"", ext, NODE)
    assert str(raised.value) == "Other: Exported method Nope_nothing is not found"


def test_metadata_apis_decode() -> None:
    ext, _ = genesis_state()
    at = _client_encode("Metadata_metadata_at_version", "version", 15)
    assert at == bytes.fromhex("0f000000")
    v15 = call_api("Metadata_metadata_at_version", at, ext)
    assert v15[:1] == b"\x01" and v15[5:10] == b"meta\x0f"  # 01 ‖ compact(len) (4 bytes) ‖ meta 0f
    _client_decode("Metadata_metadata_at_version", v15)
    assert call_api("Metadata_metadata_at_version", U32.encode(16), ext) == b"\x00"
    assert _client_decode("Metadata_metadata_versions",
                          call_api("Metadata_metadata_versions", b"", ext)) == [14, 15]
    _client_decode("Metadata_metadata", call_api("Metadata_metadata", b"", ext))


def test_account_nonce_and_aura_apis() -> None:
    ext, _ = genesis_state()
    account = _client_encode("AccountNonceApi_account_nonce", "account",
                             ss58_encode(ALICE.account_id, 42))
    assert account == ALICE.account_id
    assert _client_decode("AccountNonceApi_account_nonce",
                          call_api("AccountNonceApi_account_nonce", account, ext)) == 0
    assert _client_decode("AuraApi_slot_duration",
                          call_api("AuraApi_slot_duration", b"", ext)) == 12_000
    authorities = call_api("AuraApi_authorities", b"", ext)
    assert authorities == b"\x04" + ALICE.sr25519.public_key
    _client_decode("AuraApi_authorities", authorities)


def test_query_info_on_a_zero_signature_extrinsic_returns_the_fee() -> None:
    ext, genesis = genesis_state()
    extrinsic = _zero_signature(signed(BOB.sr25519, TRANSFER, 0, genesis))
    data = extrinsic + U32.encode(len(extrinsic))
    info = _client_decode("TransactionPaymentApi_query_info",
                          call_api("TransactionPaymentApi_query_info", data, ext))
    call = NODE.runtime.decode_call(TRANSFER)
    expected = compute_fee(ext, len(extrinsic), call.dispatch_info(), 0)
    assert info["partial_fee"] == expected > 0
    assert info["class"] == "Normal"
    details = _client_decode("TransactionPaymentApi_query_fee_details",
                             call_api("TransactionPaymentApi_query_fee_details", data, ext))
    inclusion = details["inclusion_fee"]
    assert inclusion["len_fee"] == len(extrinsic)
    assert sum(inclusion.values()) == expected and details["tip"] == 0


def test_query_info_of_a_bare_extrinsic_is_free() -> None:
    ext, _ = genesis_state()
    bare = UncheckedExtrinsic(TRANSFER).encode()
    info = _client_decode("TransactionPaymentApi_query_info",
                          call_api("TransactionPaymentApi_query_info",
                                   bare + U32.encode(len(bare)), ext))
    assert info["partial_fee"] == 0


def test_weight_and_length_to_fee() -> None:
    ext, _ = genesis_state()
    weight = _client_encode("TransactionPaymentApi_query_weight_to_fee", "weight",
                            {"ref_time": 2_000_000_000, "proof_size": 0})
    assert _client_decode("TransactionPaymentApi_query_weight_to_fee", call_api(
        "TransactionPaymentApi_query_weight_to_fee", weight, ext)) == 1_000_000
    assert U64.decode(call_api("TransactionPaymentApi_query_length_to_fee",
                               U32.encode(100), ext)) == 100


def test_validate_transaction_output_decodes_for_clients() -> None:
    ext, genesis = genesis_state()
    data = b"\x02" + signed(BOB.sr25519, TRANSFER, 0, genesis) + genesis
    decoded = _client_decode("TaggedTransactionQueue_validate_transaction",
                             call_api("TaggedTransactionQueue_validate_transaction", data, ext))
    ok = decoded["Ok"]
    assert ok["priority"] == 1 and len(ok["provides"]) == 1


def _timestamp_block(genesis: bytes, now: int) -> bytes:
    inherent = UncheckedExtrinsic(runtime_call("Timestamp", "set", {"now": now})).encode()
    return Block(block_header(genesis), (inherent,)).encode()


def test_block_builder_outputs_decode_for_clients() -> None:
    ext, genesis = genesis_state()
    initialized = call_api("Core_initialize_block", block_header(genesis).encode(), ext)
    assert _client_decode("Core_initialize_block", initialized) == "AllExtrinsics"
    inherent_data = InherentData.encode({"data": {b"timstap0": U64.encode(NOW_MS)}})
    inherents = call_api("BlockBuilder_inherent_extrinsics", inherent_data, ext)
    (timestamp,) = _client_decode("BlockBuilder_inherent_extrinsics", inherents)
    assert inherents[1:] == UncheckedExtrinsic(
        runtime_call("Timestamp", "set", {"now": NOW_MS})).encode()
    applied = call_api("BlockBuilder_apply_extrinsic", inherents[1:], ext)
    assert applied == b"\x00\x00"
    assert _client_decode("BlockBuilder_apply_extrinsic", applied) == {"Ok": {"Ok": ()}}
    future = call_api("BlockBuilder_apply_extrinsic", signed(BOB.sr25519, TRANSFER, 5, genesis),
                     ext)
    assert _client_decode("BlockBuilder_apply_extrinsic", future) == {
        "Err": {"Invalid": "Future"}}
    header = _client_decode("BlockBuilder_finalize_block",
                            call_api("BlockBuilder_finalize_block", b"", ext))
    assert header["number"] == 1 and timestamp is not None


@pytest.mark.parametrize("now, local, okay", [
    (NOW_MS, NOW_MS, True),
    (NOW_MS + 31_000, NOW_MS, False),
])
def test_check_inherents_judges_the_timestamp(now: int, local: int, okay: bool) -> None:
    ext, genesis = genesis_state()
    data = (_timestamp_block(genesis, now)
            + InherentData.encode({"data": {b"timstap0": U64.encode(local)}}))
    raw = call_api("BlockBuilder_check_inherents", data, ext)
    result = CheckInherentsResult.decode(raw)
    assert (result.okay, result.fatal_error) == (okay, not okay)
    if not okay:
        assert result.errors.data == {b"timstap0": b"\x01"}  # TooFarInFuture
        assert raw.endswith(b"timstap0\x04\x01")  # as a Vec<u8>
    _client_decode("BlockBuilder_check_inherents", raw)


def test_signed_extra_defaults_are_what_clients_send() -> None:
    assert SignedExtra().encode() == b"\x00\x00\x00\x00"
    assert MultiAddress.id(ALICE.account_id).encode()[0] == 0


def test_grandpa_apis() -> None:
    ext, _ = genesis_state()
    assert NODE.grandpa is not None
    authorities = call_api("GrandpaApi_grandpa_authorities", b"", ext)
    assert authorities == b"\x04" + ALICE.ed25519.public_key + U64.encode(1)
    decoded = _client_decode("GrandpaApi_grandpa_authorities", authorities)
    assert len(decoded) == 1 and decoded[0][1] == 1
    assert _client_decode("GrandpaApi_current_set_id",
                          call_api("GrandpaApi_current_set_id", b"", ext)) == 0
    proof_input = _client_encode("GrandpaApi_generate_key_ownership_proof", "set_id", 0)
    none = call_api("GrandpaApi_generate_key_ownership_proof",
                    proof_input + ALICE.ed25519.public_key, ext)
    assert none == b"\x00"
    assert _client_decode("GrandpaApi_generate_key_ownership_proof", none) is None
