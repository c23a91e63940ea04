"""Decode metadata with the installed ``scalecodec`` package, as the clients do.

In this environment ``scalecodec`` is cyscale 0.5.0's compiled engine with py-scale-codec
1.2.12's ``core.json`` type registry (spec/clients.md §0.2); that ``core.json`` stops at V14, so
the V15 structures are declared here (from spec/substrate.md §6.2) on top of its V14 ones —
cyscale's own registry declares V15 the same way, which is how async-substrate-interface reads it.
"""

from __future__ import annotations

from typing import Any

from scalecodec.base import RuntimeConfigurationObject, ScaleBytes
from scalecodec.type_registry import load_type_registry_preset

_ID = "SiLookupTypeId"


def _struct(*fields: tuple[str, str], base_class: str | None = None) -> dict[str, Any]:
    definition: dict[str, Any] = {"type": "struct", "type_mapping": [list(f) for f in fields]}
    if base_class is not None:
        definition["base_class"] = base_class
    return definition


V15_TYPES: dict[str, Any] = {
    "MetadataV15": _struct(
        ("types", "PortableRegistry"), ("pallets", "Vec<PalletMetadataV15>"),
        ("extrinsic", "ExtrinsicMetadataV15"), ("runtime_type", _ID),
        ("apis", "Vec<RuntimeApiMetadataV15>"), ("outer_enums", "OuterEnumsMetadataV15"),
        ("custom", "Vec<(Text, CustomValueMetadataV15)>")),
    "PalletMetadataV15": _struct(
        ("name", "Text"), ("storage", "Option<StorageMetadataV14>"),
        ("calls", "Option<PalletCallMetadataV14>"), ("event", "Option<PalletEventMetadataV14>"),
        ("constants", "Vec<PalletConstantMetadataV14>"),
        ("error", "Option<PalletErrorMetadataV14>"), ("index", "u8"), ("docs", "Vec<Text>"),
        base_class="ScaleInfoPalletMetadata"),
    "ExtrinsicMetadataV15": _struct(
        ("version", "u8"), ("address_ty", _ID), ("call_ty", _ID), ("signature_ty", _ID),
        ("extra_ty", _ID), ("signed_extensions", "Vec<SignedExtensionMetadataV14>")),
    "RuntimeApiMetadataV15": _struct(
        ("name", "Text"), ("methods", "Vec<RuntimeApiMethodMetadataV15>"), ("docs", "Vec<Text>")),
    "RuntimeApiMethodMetadataV15": _struct(
        ("name", "Text"), ("inputs", "Vec<RuntimeApiMethodParamMetadataV15>"), ("output", _ID),
        ("docs", "Vec<Text>")),
    "RuntimeApiMethodParamMetadataV15": _struct(("name", "Text"), ("ty", _ID)),
    "OuterEnumsMetadataV15": _struct(
        ("call_enum_ty", _ID), ("event_enum_ty", _ID), ("error_enum_ty", _ID)),
    "CustomValueMetadataV15": _struct(("ty", _ID), ("value", "Bytes")),
}


def runtime_config() -> RuntimeConfigurationObject:
    """A fresh configuration with the core registry, extended with V15 when it lacks it."""
    core = load_type_registry_preset("core")
    mapping = core["types"]["MetadataAll"]["type_mapping"]
    if not any(name == "V15" for name, _ in mapping):
        mapping.append(["V15", "MetadataV15"])
        core["types"].update(V15_TYPES)
    config = RuntimeConfigurationObject()
    config.update_type_registry(core)
    return config


def decode_metadata(data: bytes) -> tuple[RuntimeConfigurationObject, Any]:
    """Decode prefixed metadata and load its portable registry; returns (config, metadata)."""
    config = runtime_config()
    metadata = config.create_scale_object("MetadataVersioned", data=ScaleBytes(data))
    metadata.decode()
    config.add_portable_registry(metadata)
    return config, metadata


def body(metadata: Any) -> dict[str, Any]:
    """The decoded ``RuntimeMetadataV14``/``V15`` value as a dict."""
    versioned = metadata.value[1]
    return next(iter(versioned.values()))


def registry_types(metadata: Any) -> dict[int, dict[str, Any]]:
    """Portable registry entries by id."""
    return {entry["id"]: entry["type"] for entry in body(metadata)["types"]["types"]}
