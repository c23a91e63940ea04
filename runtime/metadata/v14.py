"""Metadata V14 encoder (spec/substrate.md §6.2) and the pallet encoding V15 shares.

``encode_metadata_v14(input)`` returns ``b"meta" ‖ 0x0e ‖ RuntimeMetadataV14`` with
``RuntimeMetadataV14 = types ‖ pallets ‖ extrinsic{ty, version, signed_extensions} ‖ runtime_type``.
Types are registered in the order Rust's ``into_portable`` visits them (pallet by pallet: storage,
calls, event, constants, error; then the extrinsic; then the runtime type), so the output is a
deterministic function of the input.
"""

from __future__ import annotations

from runtime.metadata.model import (
    ConstantMetadata,
    PalletMetadata,
    RuntimeMetadataInput,
    SignedExtensionMetadata,
    StorageEntryMetadata,
)
from runtime.metadata.registry import PortableRegistry
from runtime.metadata.runtime import resolved_extrinsic_type
from runtime.metadata.scale_out import (
    encode_bytes,
    encode_option,
    encode_str,
    encode_str_vec,
    encode_vec,
)
from runtime.primitives.scale import ScaleType, encode_compact

MAGIC = b"meta"
"""``0x6d657461``: the prefix of ``RuntimeMetadataPrefixed``."""

MODIFIER_INDEX = {"Optional": 0, "Default": 1}


def _type_ref(registry: PortableRegistry, scale_type: ScaleType | None) -> bytes:
    """``Option<Compact<u32>>`` of a type's id (calls/event/error of a pallet)."""
    if scale_type is None:
        return b"\x00"
    return b"\x01" + encode_compact(registry.register(scale_type))


def encode_storage_entry(registry: PortableRegistry, entry: StorageEntryMetadata) -> bytes:
    """``name ‖ modifier ‖ (Plain(ty) | Map{hashers, key, value}) ‖ default ‖ docs``."""
    head = encode_str(entry.name) + bytes((MODIFIER_INDEX[entry.modifier],))
    if entry.key_type is None:
        kind = b"\x00" + encode_compact(registry.register(entry.value_type))
    else:
        hashers = encode_vec(entry.hashers, lambda h: bytes((h.value,)))
        key_id = registry.register(entry.key_type)
        value_id = registry.register(entry.value_type)
        kind = b"\x01" + hashers + encode_compact(key_id) + encode_compact(value_id)
    return head + kind + encode_bytes(entry.default or b"") + encode_str_vec(entry.docs)


def encode_constant(registry: PortableRegistry, constant: ConstantMetadata) -> bytes:
    """``name ‖ ty ‖ value: Vec<u8> ‖ docs``."""
    return (encode_str(constant.name) + encode_compact(registry.register(constant.type))
            + encode_bytes(constant.value) + encode_str_vec(constant.docs))


def encode_pallet(registry: PortableRegistry, pallet: PalletMetadata, *,
                  with_docs: bool) -> bytes:
    """``name ‖ storage? ‖ calls? ‖ event? ‖ constants ‖ error? ‖ index`` (‖ ``docs`` for V15)."""
    prefix = pallet.effective_storage_prefix
    storage = encode_option(prefix, lambda text: encode_str(text) + encode_vec(
        pallet.storage, lambda entry: encode_storage_entry(registry, entry)))
    calls = _type_ref(registry, pallet.call_type)
    event = _type_ref(registry, pallet.event_type)
    constants = encode_vec(pallet.constants, lambda c: encode_constant(registry, c))
    error = _type_ref(registry, pallet.error_type)
    body = (encode_str(pallet.name) + storage + calls + event + constants + error
            + bytes((pallet.index,)))
    return body + encode_str_vec(pallet.docs) if with_docs else body


def encode_pallets(registry: PortableRegistry, metadata: RuntimeMetadataInput, *,
                   with_docs: bool) -> bytes:
    """``Vec<Pallet>`` in ascending pallet index."""
    return encode_vec(metadata.pallets,
                      lambda pallet: encode_pallet(registry, pallet, with_docs=with_docs))


def encode_signed_extensions(registry: PortableRegistry,
                             extensions: tuple[SignedExtensionMetadata, ...]) -> bytes:
    """``Vec<{identifier, ty, additional_signed}>``."""
    def one(extension: SignedExtensionMetadata) -> bytes:
        explicit = registry.register(extension.type)
        implicit = registry.register(extension.additional_signed_type)
        return encode_str(extension.identifier) + encode_compact(explicit) + encode_compact(
            implicit)
    return encode_vec(extensions, one)


def encode_body_v14(metadata: RuntimeMetadataInput) -> tuple[PortableRegistry, bytes]:
    """The registry and the V14 body after the type registry."""
    registry = PortableRegistry()
    pallets = encode_pallets(registry, metadata, with_docs=False)
    extrinsic = metadata.extrinsic
    extrinsic_id = registry.register(resolved_extrinsic_type(extrinsic))
    extrinsic_bytes = (encode_compact(extrinsic_id) + bytes((extrinsic.version,))
                       + encode_signed_extensions(registry, extrinsic.extensions))
    runtime_id = registry.register(metadata.runtime_type)
    return registry, pallets + extrinsic_bytes + encode_compact(runtime_id)


def encode_metadata_v14(metadata: RuntimeMetadataInput) -> bytes:
    """``b"meta" ‖ 0x0e ‖ RuntimeMetadataV14`` — what ``state_getMetadata`` returns."""
    registry, body = encode_body_v14(metadata)
    return MAGIC + b"\x0e" + registry.encode() + body


def registry_v14(metadata: RuntimeMetadataInput) -> PortableRegistry:
    """The V14 portable registry (ids as ``encode_metadata_v14`` assigns them)."""
    return encode_body_v14(metadata)[0]
