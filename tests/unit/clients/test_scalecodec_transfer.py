"""A client library composes, signs and reads a transfer using only the node's own metadata.

py-scale-codec (the codec under substrate-interface and, as cyscale, under async-substrate-
interface) loads the assembled runtime's V14 metadata, composes ``Balances.transfer_keep_alive``
and the signed v4 envelope; bittensor_wallet signs the payload. The extrinsic is applied through
``BlockBuilder_apply_extrinsic`` on the dev genesis, and the client decodes ``System.Events``
from storage with the same metadata. Checked as issue 4 asks: balances, nonce, fee, events and
total issuance.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from bittensor_wallet import Keypair as WalletKeypair
from scalecodec.base import RuntimeConfigurationObject, ScaleBytes
from scalecodec.type_registry import load_type_registry_preset

from runtime.apis.types import InherentData
from runtime.extrinsic.signing import signing_payload
from runtime.frame import system
from runtime.pallets.balances import free_balance, total_issuance
from runtime.primitives.scale import U64
from tests.unit.runtime.test_apis_support import (
    ALICE,
    BOB,
    CHARLIE,
    NODE,
    NOW_MS,
    block_header,
    call_api,
    genesis_state,
)

VALUE = 5 * 10**9


@cache
def _client() -> tuple[RuntimeConfigurationObject, Any]:
    """The client's view of the chain: built from the node's V14 metadata only."""
    config = RuntimeConfigurationObject()
    config.update_type_registry(load_type_registry_preset("core"))
    metadata = config.create_scale_object(
        "MetadataVersioned", data=ScaleBytes(NODE.metadata.metadata_bytes(14)))
    metadata.decode()
    config.add_portable_registry(metadata)
    return config, metadata


def _scale(type_name: str, value: object) -> bytes:
    config, _ = _client()
    return bytes(config.create_scale_object(type_name).encode(value).data)


def _compose_transfer(wallet: WalletKeypair, dest: bytes, value: int, nonce: int,
                      genesis_hash: bytes) -> bytes:
    """Every byte by the client library, the signature by bittensor_wallet (immortal era)."""
    config, metadata = _client()
    call_value = {"call_module": "Balances", "call_function": "transfer_keep_alive",
                  "call_args": {"dest": {"Id": "0x" + dest.hex()}, "value": value}}
    call = bytes(config.create_scale_object("Call", metadata=metadata).encode(call_value).data)
    extra = _scale("Era", "00") + _scale("Compact<u32>", nonce) + _scale("Compact<u64>", 0) + b"\0"
    implicit = (_scale("u32", NODE.version.spec_version)
                + _scale("u32", NODE.version.transaction_version) + genesis_hash + genesis_hash
                + b"\x00")
    signature = wallet.sign(signing_payload(call, extra, implicit))
    extrinsic = config.create_scale_object("Extrinsic", metadata=metadata)
    return bytes(extrinsic.encode({
        "address": "0x" + wallet.public_key.hex(), "signature": {"Sr25519": "0x" + signature.hex()},
        "era": "00", "nonce": nonce, "tip": 0, "mode": {"mode": "Disabled"},
        "call": call_value}).data)


def _client_events(raw: bytes) -> list[dict[str, Any]]:
    config, metadata = _client()
    storage = metadata.get_metadata_pallet("System").get_storage_function("Events")
    decoded = config.create_scale_object(storage.get_value_type_string(), data=ScaleBytes(raw),
                                         metadata=metadata)
    return decoded.decode()


def _block_with_transfer() -> tuple[Any, bytes, bytes]:
    ext, genesis_hash = genesis_state()
    call_api("Core_initialize_block", block_header(genesis_hash).encode(), ext)
    inherents = call_api("BlockBuilder_inherent_extrinsics",
                         InherentData.encode({"data": {b"timstap0": U64.encode(NOW_MS)}}), ext)
    assert call_api("BlockBuilder_apply_extrinsic", inherents[1:], ext) == b"\x00\x00"
    wallet = WalletKeypair.create_from_uri("//Bob")
    extrinsic = _compose_transfer(wallet, CHARLIE.sr25519.account_id, VALUE, 0, genesis_hash)
    return ext, extrinsic, genesis_hash


def test_client_composed_transfer_applies_and_moves_value_fee_and_nonce() -> None:
    ext, extrinsic, _ = _block_with_transfer()
    bob, charlie, alice = (a.sr25519.account_id for a in (BOB, CHARLIE, ALICE))
    before = {who: free_balance(ext, who) for who in (bob, charlie, alice)}
    issuance = total_issuance(ext)
    fee_info = call_api("TransactionPaymentApi_query_info",
                        extrinsic + len(extrinsic).to_bytes(4, "little"), ext)
    assert call_api("BlockBuilder_apply_extrinsic", extrinsic, ext) == b"\x00\x00"
    fee = before[bob] - VALUE - free_balance(ext, bob)
    assert fee > 0 and fee_info[-8:] == fee.to_bytes(8, "little")  # partial_fee (u64) is last
    assert free_balance(ext, charlie) == before[charlie] + VALUE
    assert free_balance(ext, alice) == before[alice] + fee  # the Aura author of the slot
    assert system.account(ext, bob).nonce == 1
    assert total_issuance(ext) == issuance


def test_client_decodes_the_events_of_its_transfer() -> None:
    ext, extrinsic, _ = _block_with_transfer()
    call_api("BlockBuilder_apply_extrinsic", extrinsic, ext)
    raw = ext.get(system.Events.storage_key())
    assert raw is not None
    records = [r for r in _client_events(raw)
               if r["phase"] == "ApplyExtrinsic" and r["extrinsic_idx"] == 1]
    names = [(r["event"]["module_id"], r["event"]["event_id"]) for r in records]
    assert ("Balances", "Withdraw") in names
    assert ("Balances", "Transfer") in names
    assert ("TransactionPayment", "TransactionFeePaid") in names
    assert names[-1] == ("System", "ExtrinsicSuccess")
    transfer = next(r for r in records if r["event"]["event_id"] == "Transfer")
    assert transfer["event"]["attributes"]["amount"] == VALUE


def test_client_composed_transfer_with_a_stale_nonce_is_refused_and_writes_nothing() -> None:
    ext, extrinsic, _ = _block_with_transfer()
    assert call_api("BlockBuilder_apply_extrinsic", extrinsic, ext) == b"\x00\x00"
    changes = ext.changes()
    again = call_api("BlockBuilder_apply_extrinsic", extrinsic, ext)
    assert again[0] == 1  # Err(TransactionValidityError)
    assert ext.changes() == changes
