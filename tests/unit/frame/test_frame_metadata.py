"""Metadata generated from framework pallets decodes with the clients' codec."""

from __future__ import annotations

from runtime.extrinsic.extensions import SUBTENSOR_EXTENSIONS
from runtime.frame.metadata import pallet_metadata
from runtime.frame.system import event_record_type, system
from runtime.metadata import (
    SignedExtensionMetadata,
    build_metadata_input,
    build_outer_enums,
    client_convention_problems,
    encode_metadata_v14,
    encode_metadata_v15,
)
from runtime.primitives.hashing import StorageHasher
from runtime.primitives.scale import U8, Vec
from tests.unit.frame.test_pallet import _demo_pallet


def _metadata_input():  # type: ignore[no-untyped-def]
    demo = pallet_metadata(_demo_pallet())
    outer = build_outer_enums([pallet_metadata(system), demo])
    events = Vec(event_record_type(outer.event_type))
    pallets = [pallet_metadata(system, {"Events": events}), demo]
    extensions = [SignedExtensionMetadata(e.identifier, e.explicit, e.implicit)
                  for e in SUBTENSOR_EXTENSIONS]
    return build_metadata_input(pallets, extensions, outer_enums=outer)


def test_unknown_override_is_refused() -> None:
    import pytest

    with pytest.raises(KeyError, match="Nope"):
        pallet_metadata(system, {"Nope": Vec(U8)})


def test_system_account_entry_is_a_default_blake2_map() -> None:
    record = pallet_metadata(system)
    account = next(e for e in record.storage if e.name == "Account")
    assert account.modifier == "Default"
    assert account.hashers == (StorageHasher.Blake2_128Concat,)
    assert record.storage_prefix == "System" and record.index == 0


def test_framework_metadata_meets_client_conventions_and_encodes() -> None:
    metadata = _metadata_input()
    assert client_convention_problems(metadata) == []
    v14, v15 = encode_metadata_v14(metadata), encode_metadata_v15(metadata)
    assert v14[:5] == b"meta\x0e" and v15[:5] == b"meta\x0f"


def test_scalecodec_reads_pallets_calls_and_storage_from_framework_metadata() -> None:
    from scalecodec.base import RuntimeConfigurationObject, ScaleBytes
    from scalecodec.type_registry import load_type_registry_preset

    config = RuntimeConfigurationObject()
    config.update_type_registry(load_type_registry_preset("core"))
    decoded = config.create_scale_object(
        "MetadataVersioned", data=ScaleBytes(encode_metadata_v14(_metadata_input())))
    decoded.decode()
    pallets = {p["name"]: p for p in decoded.value[1]["V14"]["pallets"]}
    assert pallets["Demo"]["index"] == 5
    calls = pallets["Demo"]["calls"]
    assert calls is not None
    storage = {e["name"] for e in pallets["System"]["storage"]["entries"]}
    assert {"Account", "Events", "Number", "BlockHash"} <= storage
