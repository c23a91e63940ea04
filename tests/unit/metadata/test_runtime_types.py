"""Outer enums, the UncheckedExtrinsic type and the descriptor records' validation."""

from __future__ import annotations

import pytest

from runtime.metadata import (
    PalletMetadata,
    RuntimeMetadataInput,
    StorageEntryMetadata,
    build_outer_enums,
    unchecked_extrinsic_type,
)
from runtime.metadata.runtime import extra_type
from runtime.primitives.hashing import StorageHasher
from runtime.primitives.scale import (
    U16,
    U32,
    U64,
    Enum,
    EnumValue,
    Tuple,
    TypeDefinitionError,
    Variant,
)
from runtime.primitives.scale.common import MultiAddress, MultiSignature
from tests.unit.metadata import sample_runtime as sample

ALICE = bytes(range(32))


def test_runtime_call_variants_follow_pallet_indices() -> None:
    call = sample.OUTER_ENUMS.call_type
    assert call.path == ("node_subtensor_runtime", "RuntimeCall")
    assert [(v.name, v.index) for v in call.variants] == [
        ("System", 0), ("Balances", 5), ("SubtensorModule", 7), ("Utility", 11)]
    (field,) = call.variant("Balances").fields
    assert field.type is sample.BalancesCall
    assert field.type_name == ("self::sp_api_hidden_includes_construct_runtime::hidden_include"
                               "::dispatch\n::CallableCallFor<Balances, Runtime>")


def test_runtime_event_and_error_type_names() -> None:
    event = sample.OUTER_ENUMS.event_type
    assert [v.name for v in event.variants] == ["System", "Balances", "SubtensorModule",
                                                "Utility"]
    assert event.variant("Balances").fields[0].type_name == "pallet_balances::Event<Runtime>"
    assert event.variant("Utility").fields[0].type_name == "pallet_utility::Event"
    error = sample.OUTER_ENUMS.error_type
    assert error.path == ("node_subtensor_runtime", "RuntimeError")
    assert [v.index for v in error.variants] == [0, 5, 7]
    assert error.variant("System").fields[0].type_name == "frame_system::Error<Runtime>"


def test_aliased_crates_use_the_runtime_import_name() -> None:
    event = Enum("Event", [Variant("BatchCompleted", (), 2)],
                 path=("pallet_subtensor_utility", "pallet", "Event"))
    error = Enum("Error", [Variant("TooManyCalls", (), 0)],
                 path=("pallet_subtensor_utility", "pallet", "Error"), params=sample._T)
    enums = build_outer_enums([PalletMetadata("Utility", 11, event_type=event, error_type=error)])
    assert enums.event_type.variant("Utility").fields[0].type_name == "pallet_utility::Event"
    assert enums.error_type.variant("Utility").fields[0].type_name == (
        "pallet_utility::Error<Runtime>")
    assert enums.call_type.variants == ()


def test_runtime_call_encodes_and_decodes_transfer() -> None:
    value = ("Balances", ("transfer_keep_alive", {"dest": ("Id", ALICE), "value": 2**40}))
    encoded = sample.OUTER_ENUMS.call_type.encode(value)
    assert encoded == b"\x05\x03\x00" + ALICE + bytes.fromhex("0b000000000001")
    decoded = sample.OUTER_ENUMS.call_type.decode(encoded)
    assert decoded.variant == "Balances"
    assert decoded.value == EnumValue("transfer_keep_alive", decoded.value.value)
    assert decoded.value.value.value == 2**40


def test_nested_batch_call_roundtrips_through_lazy_runtime_call() -> None:
    remark = ("System", ("remark", {"remark": b"hi"}))
    batch = ("Utility", ("batch", {"calls": [remark, ("Utility", ("batch", {"calls": []}))]}))
    encoded = sample.OUTER_ENUMS.call_type.encode(batch)
    assert encoded == bytes.fromhex("0b0008" "0000" "08" "6869" "0b0000")
    assert sample.OUTER_ENUMS.call_type.encode(
        sample.OUTER_ENUMS.call_type.decode(encoded)) == encoded


def test_unchecked_extrinsic_is_opaque_bytes_with_named_params() -> None:
    extra = extra_type(sample.EXTENSIONS)
    uxt = unchecked_extrinsic_type(MultiAddress, sample.OUTER_ENUMS.call_type, MultiSignature,
                                   extra)
    assert [p.name for p in uxt.params] == ["Address", "Call", "Signature", "Extension"]
    inner = uxt.fields[0].type
    assert inner.path == ("sp_runtime", "generic", "unchecked_extrinsic", "UncheckedExtrinsic")
    assert [p.name for p in inner.params] == ["Address", "Call", "Signature", "Extra"]
    assert uxt.encode(b"\x04\x00\x00") == b"\x0c\x04\x00\x00"
    assert uxt.decode(b"\x0c\x04\x00\x00") == b"\x04\x00\x00"
    assert len(extra.items) == 13  # type: ignore[attr-defined]


def test_default_storage_entry_needs_default_bytes() -> None:
    with pytest.raises(TypeDefinitionError, match="needs `default`"):
        StorageEntryMetadata("Total", "Default", (), None, U64)
    assert StorageEntryMetadata("Count", "Optional", (), None, U32).default == b"\x00"
    value_query = StorageEntryMetadata("Total", "ValueQuery", (), None, U64, bytes(8))
    assert (value_query.modifier, value_query.default) == ("Default", bytes(8))
    assert StorageEntryMetadata("Count", "OptionQuery", (), None, U32).modifier == "Optional"


def test_storage_entry_hashers_must_match_key_parts() -> None:
    hashers = (StorageHasher.Identity, StorageHasher.Twox64Concat)
    with pytest.raises(TypeDefinitionError, match="key tuple"):
        StorageEntryMetadata("M", "Optional", hashers, U16, U64)
    with pytest.raises(TypeDefinitionError, match="plain value"):
        StorageEntryMetadata("V", "Optional", hashers, None, U64)
    with pytest.raises(TypeDefinitionError, match="modifier"):
        StorageEntryMetadata("V", "Required", (), None, U64, b"\x00" * 8)
    entry = StorageEntryMetadata("M", "Optional", list(hashers), Tuple(U16, U32), U64)
    assert entry.hashers == hashers and entry.is_map


def test_pallet_index_and_duplicates_are_rejected() -> None:
    with pytest.raises(TypeDefinitionError, match="not a u8"):
        PalletMetadata("Big", 256)
    twins = (PalletMetadata("A", 1), PalletMetadata("B", 1))
    with pytest.raises(TypeDefinitionError, match="duplicate pallet indices"):
        RuntimeMetadataInput(twins, sample.sample_metadata().extrinsic, sample.U8,
                             build_outer_enums(twins))


def test_metadata_input_sorts_pallets_by_index() -> None:
    metadata = sample.sample_metadata()
    assert [p.index for p in metadata.pallets] == [0, 2, 5, 7, 11]
    assert metadata.pallet("Balances") is sample.BALANCES
    assert sample.SYSTEM.effective_storage_prefix == "System"
    assert sample.UTILITY.effective_storage_prefix is None
