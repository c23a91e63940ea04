"""Whole-metadata encoding: prefixes, determinism, the Metadata runtime API, convention checks."""

from __future__ import annotations

import dataclasses

import pytest

from runtime.metadata import (
    MetadataProvider,
    SignedExtensionMetadata,
    build_metadata_input,
    build_outer_enums,
    client_convention_problems,
    encode_metadata_v14,
    encode_metadata_v15,
    registry_v14,
    registry_v15,
)
from runtime.primitives.scale import U32, U64, DecodeError, Enum, Field, Variant, encode_compact
from tests.unit.metadata import sample_runtime as sample


def test_metadata_is_prefixed_with_magic_and_version() -> None:
    metadata = sample.sample_metadata()
    assert encode_metadata_v14(metadata)[:5] == bytes.fromhex("6d6574610e")
    assert encode_metadata_v15(metadata)[:5] == bytes.fromhex("6d6574610f")


def test_encoding_is_deterministic_across_rebuilt_inputs() -> None:
    first, second = sample.sample_metadata(), sample.sample_metadata()
    assert first.extrinsic.type is not second.extrinsic.type
    assert encode_metadata_v14(first) == encode_metadata_v14(second)
    assert encode_metadata_v15(first) == encode_metadata_v15(second)


def test_v15_registry_extends_the_v14_pallet_types() -> None:
    metadata = sample.sample_metadata()
    v14, v15 = registry_v14(metadata), registry_v15(metadata)
    assert len(v15) > len(v14)
    pallet_types = v14.id_of(sample.OUTER_ENUMS.call_type)
    assert [t.path for t in v14.types[:pallet_types]] == [
        t.path for t in v15.types[:pallet_types]]
    assert v15.source(v15.id_of(sample.OUTER_ENUMS.error_type)) is sample.OUTER_ENUMS.error_type


def test_metadata_api_outputs_have_the_runtime_api_shapes() -> None:
    metadata = sample.sample_metadata()
    provider = MetadataProvider(metadata)
    v14, v15 = encode_metadata_v14(metadata), encode_metadata_v15(metadata)
    assert provider.metadata() == encode_compact(len(v14)) + v14
    assert provider.metadata_at_version(15) == b"\x01" + encode_compact(len(v15)) + v15
    assert provider.metadata_at_version(14) == b"\x01" + provider.metadata()
    assert provider.metadata_at_version(16) == b"\x00"
    assert provider.metadata_versions() == bytes.fromhex("08" "0e000000" "0f000000")
    assert provider.call("Metadata_metadata_at_version", bytes.fromhex("0f000000")) == (
        provider.metadata_at_version(15))
    assert provider.call("Metadata_metadata", b"") == provider.metadata()
    assert provider.metadata_bytes(15) is provider.metadata_bytes(15)


def test_metadata_api_rejects_bad_input() -> None:
    provider = MetadataProvider(sample.sample_metadata())
    with pytest.raises(DecodeError):
        provider.call("Metadata_metadata_at_version", b"\x0f")
    with pytest.raises(DecodeError):
        provider.call("Metadata_metadata", b"\x00")
    with pytest.raises(KeyError):
        provider.call("Metadata_unknown", b"")
    with pytest.raises(ValueError, match="not supported"):
        provider.metadata_bytes(13)


def test_sample_runtime_follows_client_conventions() -> None:
    assert client_convention_problems(sample.sample_metadata()) == []


def test_convention_check_reports_missing_type_names_and_bad_extensions() -> None:
    untyped = Enum("Call", [Variant("go", (Field("amount", U64),), 0)], path=("pallet_x", "Call"))
    pallets = (*sample.PALLETS, dataclasses.replace(sample.UTILITY, name="X", index=40,
                                                    call_type=untyped, event_type=U32))
    custom = SignedExtensionMetadata("Custom", U32, U32)
    extensions = (sample.EXTENSIONS[4], sample.EXTENSIONS[1], custom)
    problems = client_convention_problems(build_metadata_input(pallets, extensions))
    assert problems == [
        "X calls.go field amount has no type_name",
        "X events is not an enum type",
        "signed extension Custom is unknown to the clients but its explicit part is not empty",
        "signed extension Custom is unknown to the clients but its implicit part is not empty",
        "signed extensions ['CheckMortality', 'CheckSpecVersion'] are not in the clients' order "
        "('CheckSpecVersion', 'CheckTxVersion', 'CheckGenesis', 'CheckMortality', "
        "'CheckMetadataHash')",
    ]


def test_convention_check_reports_a_foreign_call_type() -> None:
    metadata = sample.sample_metadata()
    rebuilt = dataclasses.replace(metadata, outer_enums=build_outer_enums(sample.PALLETS))
    assert client_convention_problems(rebuilt) == [
        "the extrinsic's call type is not the outer RuntimeCall enum"]
