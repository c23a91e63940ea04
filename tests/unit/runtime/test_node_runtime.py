"""The assembled runtime: composition, version, metadata, and a dev block end to end."""

from __future__ import annotations

from typing import Any

from runtime.apis.types import InherentData
from runtime.extrinsic.apply import decode_apply_extrinsic_result
from runtime.frame import system
from runtime.genesis import DEV_ENDOWMENT
from runtime.metadata import client_convention_problems
from runtime.pallets.balances.pallet import TotalIssuance
from runtime.pallets.transaction_payment.pallet import RuntimeDispatchInfo
from runtime.primitives.block import Block, Header, split_extrinsic
from runtime.primitives.scale import U32, U64, EnumValue, Vec, decode_compact
from runtime.primitives.scale.common import RuntimeVersion
from tests.unit.metadata.decoder import body, decode_metadata
from tests.unit.runtime.test_apis_support import (
    ALICE,
    BOB,
    CHARLIE,
    NODE,
    NOW_MS,
    SLOT,
    block_header,
    call_api,
    genesis_state,
    signed,
    transfer_keep_alive,
)

AMOUNT = 7 * 10**9


def test_pallets_sit_at_subtensor_indices() -> None:
    indices = {p.name: p.index for p in NODE.runtime.pallets}
    expected = {"System": 0, "Timestamp": 2, "Aura": 3, "Grandpa": 4, "Balances": 5,
                "TransactionPayment": 6,
                "SubtensorModule": 7, "Utility": 11, "Sudo": 12}
    assert {k: v for k, v in indices.items() if k in expected} == {
        k: v for k, v in expected.items() if k in indices}
    assert {"System", "Balances", "TransactionPayment", "Utility", "Sudo"} <= set(indices)


def test_version_is_node_subtensor_425() -> None:
    version = RuntimeVersion.decode(NODE.runtime_version())
    assert (version.spec_name, version.impl_name, version.spec_version) == (
        "node-subtensor", "node-subtensor", 425)
    assert (version.transaction_version, version.system_version) == (1, 1)


def test_metadata_meets_client_conventions_and_decodes() -> None:
    assert client_convention_problems(NODE.metadata_input) == []
    _, metadata = decode_metadata(NODE.metadata.metadata_bytes(15))
    decoded = body(metadata)
    names = {p["name"]: p["index"] for p in decoded["pallets"]}
    assert names["Balances"] == 5 and names["System"] == 0
    apis = {a["name"]: [m["name"] for m in a["methods"]] for a in decoded["apis"]}
    assert apis["TransactionPaymentApi"][:2] == ["query_info", "query_fee_details"]
    assert "validate_transaction" in apis["TaggedTransactionQueue"]
    _, v14 = decode_metadata(NODE.metadata.metadata_bytes(14))
    assert [p["name"] for p in body(v14)["pallets"]] == [p["name"] for p in decoded["pallets"]]


def _events(ext: Any) -> list[tuple[str, str, Any]]:
    raw = ext.get(system.Events.storage_key())
    records = NODE.event_record_type().decode(raw) if raw is not None else []
    return [(r.event.variant, r.event.value.variant, r.event.value.value) for r in records]


def _build_block_one(ext: Any, genesis_hash: bytes, transfer: bytes) -> tuple[Header, list[bytes]]:
    header = block_header(genesis_hash)
    assert call_api("Core_initialize_block", header.encode(), ext) == b"\x00"
    inherent = InherentData.encode({"data": {b"timstap0": U64.encode(NOW_MS)}})
    raw = call_api("BlockBuilder_inherent_extrinsics", inherent, ext)
    count, offset = decode_compact(raw, 0, "Vec<Extrinsic>")
    extrinsics = []
    for _ in range(count):
        extrinsic, offset = split_extrinsic(raw, offset)
        extrinsics.append(extrinsic)
    extrinsics.append(transfer)
    for extrinsic in extrinsics:
        outcome = call_api("BlockBuilder_apply_extrinsic", extrinsic, ext)
        assert decode_apply_extrinsic_result(outcome) is None
    return Header.decode(call_api("BlockBuilder_finalize_block", b"", ext)), extrinsics


def test_dev_block_with_signed_transfer_end_to_end() -> None:
    ext, genesis_hash = genesis_state()
    issuance = TotalIssuance.get(ext)
    transfer = signed(BOB.sr25519, transfer_keep_alive(CHARLIE.account_id, AMOUNT), 0,
                      genesis_hash)
    info = RuntimeDispatchInfo.decode(call_api(
        "TransactionPaymentApi_query_info", transfer + U32.encode(len(transfer)), ext))
    header, extrinsics = _build_block_one(ext, genesis_hash, transfer)
    fee = info.partial_fee
    assert fee > 0 and len(extrinsics) == 2
    assert system.account(ext, BOB.account_id).data.free == DEV_ENDOWMENT - AMOUNT - fee
    assert system.account(ext, BOB.account_id).nonce == 1
    assert system.account(ext, CHARLIE.account_id).data.free == DEV_ENDOWMENT + AMOUNT
    assert system.account(ext, ALICE.account_id).data.free == DEV_ENDOWMENT + fee  # author
    assert TotalIssuance.get(ext) == issuance
    events = _events(ext)
    assert ("Balances", "Transfer") in [(p, e) for p, e, _ in events]
    paid = next(v for p, e, v in events if e == "TransactionFeePaid")
    assert (bytes(paid.who), paid.actual_fee, paid.tip) == (BOB.account_id, fee, 0)
    assert [e for _, e, _ in events].count("ExtrinsicSuccess") == 2
    assert system.BlockHash.get(ext, 0) == genesis_hash and header.number == 1


def test_execute_block_reproduces_built_block() -> None:
    ext, genesis_hash = genesis_state()
    transfer = signed(BOB.sr25519, transfer_keep_alive(CHARLIE.account_id, AMOUNT), 0,
                      genesis_hash)
    header, extrinsics = _build_block_one(ext, genesis_hash, transfer)
    fresh, _ = genesis_state()
    assert call_api("Core_execute_block", Block(header, tuple(extrinsics)).encode(), fresh) == b""
    assert fresh.storage_root(1) == header.state_root
    assert Vec(U32).decode(call_api("Metadata_metadata_versions", b"", fresh)) == [14, 15]
    assert header.digest.logs[0].data == U64.encode(SLOT)


def test_utility_batch_dispatches_inner_runtime_calls() -> None:
    ext, genesis_hash = genesis_state()
    inner = NODE.outer_enums.call_type.decode(transfer_keep_alive(CHARLIE.account_id, AMOUNT))
    batch = NODE.outer_enums.call_type.encode(
        EnumValue("Utility", EnumValue("batch", {"calls": [inner, inner]})))
    call_api("Core_initialize_block", block_header(genesis_hash).encode(), ext)
    outcome = call_api("BlockBuilder_apply_extrinsic",
                       signed(BOB.sr25519, batch, 0, genesis_hash), ext)
    assert decode_apply_extrinsic_result(outcome) is None
    assert system.account(ext, CHARLIE.account_id).data.free == DEV_ENDOWMENT + 2 * AMOUNT
    assert ("Utility", "BatchCompleted") in [(p, e) for p, e, _ in _events(ext)]


def test_grandpa_change_signal_lands_in_the_header_digest() -> None:
    ext, genesis_hash = genesis_state()
    assert NODE.grandpa is not None
    call_api("Core_initialize_block", block_header(genesis_hash).encode(), ext)
    NODE.grandpa.schedule_change(ext, [(BOB.ed25519.public_key, 1)], 5, None, 1)
    inherent = InherentData.encode({"data": {b"timstap0": U64.encode(NOW_MS)}})
    raw = call_api("BlockBuilder_inherent_extrinsics", inherent, ext)
    call_api("BlockBuilder_apply_extrinsic", raw[1:], ext)
    header = Header.decode(call_api("BlockBuilder_finalize_block", b"", ext))
    engines = [item.engine for item in header.digest.logs if hasattr(item, "engine")]
    assert engines == [b"aura", b"FRNK"]
