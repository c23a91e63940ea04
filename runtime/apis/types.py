"""SCALE types of the runtime-API inputs and outputs that no pallet declares.

Each carries the scale-info path the reference's V15 metadata gives it, so that clients decoding
``state_call`` results through the metadata (clients.md §3, §7) find the standard shapes:

- ``sp_runtime::ExtrinsicInclusionMode`` (``Core_initialize_block``, Core v5);
- ``sp_inherents::InherentData`` = ``BTreeMap<[u8; 8], Vec<u8>>`` and
  ``sp_inherents::CheckInherentsResult { okay, fatal_error, errors }``;
- ``sp_runtime::generic::block::Block<Header, Extrinsic>``;
- ``sp_consensus_slots::SlotDuration`` (``AuraApi_slot_duration``);
- ``sp_timestamp::InherentError`` (the ``timstap0`` entry of a check-inherents result);
- ``sp_consensus_grandpa::EquivocationProof`` / ``OpaqueKeyOwnershipProof`` (GrandpaApi).
"""

from __future__ import annotations

from runtime.primitives.block import HEADER_TYPE
from runtime.primitives.scale import (
    U8,
    U32,
    U64,
    Array,
    Bool,
    BTreeMap,
    Bytes,
    Enum,
    ScaleType,
    Struct,
    StructType,
    Tuple,
    TypeParam,
    Vec,
)
from runtime.primitives.scale.common import H256

TIMESTAMP_INHERENT_ID = b"timstap0"
"""``sp_timestamp::INHERENT_IDENTIFIER``: the inherent data key of the block's time (u64 ms)."""

InherentIdentifier = Array(U8, 8)

ExtrinsicInclusionMode = Enum("ExtrinsicInclusionMode", ["AllExtrinsics", "OnlyInherents"],
                              path=("sp_runtime", "ExtrinsicInclusionMode"))
"""What ``Core_initialize_block`` (API version 5) returns: which extrinsics the block may hold."""

InherentData = Struct("InherentData", [
    ("data", BTreeMap(InherentIdentifier, Bytes), "BTreeMap<InherentIdentifier, Vec<u8>>"),
], path=("sp_inherents", "InherentData"))
"""``sp_inherents::InherentData``: each inherent's SCALE-encoded value under its 8-byte id."""

CheckInherentsResult = Struct("CheckInherentsResult", [
    ("okay", Bool, "bool"),
    ("fatal_error", Bool, "bool"),
    ("errors", InherentData, "InherentData"),
], path=("sp_inherents", "CheckInherentsResult"))
"""``BlockBuilder_check_inherents``' output; ``errors`` holds each failing inherent's error."""

TimestampInherentError = Enum("InherentError", ["TooEarly", "TooFarInFuture"],
                              path=("sp_timestamp", "InherentError"))
"""``sp_timestamp::InherentError``; both variants are fatal."""

SlotDuration = Struct("SlotDuration", [(None, U64, "u64")],
                      path=("sp_consensus_slots", "SlotDuration"))
"""``AuraApi_slot_duration``' output: the slot length in milliseconds."""


def block_type(extrinsic_type: ScaleType) -> StructType:
    """``sp_runtime::generic::block::Block<Header, Extrinsic>`` over the runtime's extrinsic."""
    return Struct("Block", [
        ("header", HEADER_TYPE, "Header"),
        ("extrinsics", Vec(extrinsic_type), "Vec<Extrinsic>"),
    ], path=("sp_runtime", "generic", "block", "Block"),
        params=(TypeParam("Header", HEADER_TYPE), TypeParam("Extrinsic", extrinsic_type)))


def grandpa_report_types(authority_id: ScaleType) -> tuple[StructType, StructType]:
    """``sp_consensus_grandpa::EquivocationProof<H256, u32>`` and
    ``OpaqueKeyOwnershipProof``: the inputs of GrandpaApi's equivocation-report methods."""
    signature = Struct("Signature", [(None, Struct(
        "Signature", [(None, Array(U8, 64), "[u8; 64]")], path=("sp_core", "ed25519", "Signature")),
        "ed25519::Signature")], path=("sp_consensus_grandpa", "app", "Signature"))

    def vote(name: str) -> StructType:
        return Struct(name, [("target_hash", H256, "H"), ("target_number", U32, "N")],
                      path=("finality_grandpa", name),
                      params=(TypeParam("H", H256), TypeParam("N", U32)))

    def equivocation(vote_type: StructType) -> StructType:
        pair = Tuple(vote_type, signature)
        return Struct("Equivocation", [
            ("round_number", U64, "u64"), ("identity", authority_id, "Id"),
            ("first", pair, "(V, S)"), ("second", pair, "(V, S)"),
        ], path=("finality_grandpa", "Equivocation"), params=(
            TypeParam("Id", authority_id), TypeParam("V", vote_type), TypeParam("S", signature)))

    kinds = Enum("Equivocation", [
        ("Prevote", [(None, equivocation(vote("Prevote")), "GrandpaEquivocation<...>")]),
        ("Precommit", [(None, equivocation(vote("Precommit")), "GrandpaEquivocation<...>")]),
    ], path=("sp_consensus_grandpa", "Equivocation"),
        params=(TypeParam("H", H256), TypeParam("N", U32)))
    proof = Struct("EquivocationProof", [("set_id", U64, "SetId"),
                                         ("equivocation", kinds, "Equivocation<H, N>")],
                   path=("sp_consensus_grandpa", "EquivocationProof"),
                   params=(TypeParam("H", H256), TypeParam("N", U32)))
    key_owner = Struct("OpaqueKeyOwnershipProof", [(None, Bytes, "Vec<u8>")],
                       path=("sp_consensus_grandpa", "OpaqueKeyOwnershipProof"))
    return proof, key_owner
