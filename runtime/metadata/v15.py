"""Metadata V15 encoder (spec/substrate.md §6.2) — what the bittensor SDK asks for.

``RuntimeMetadataV15 = types ‖ pallets (V14 pallet ‖ docs) ‖ extrinsic{version, address_ty,
call_ty, signature_ty, extra_ty, signed_extensions} ‖ runtime_type ‖ apis ‖ outer_enums{call,
event, error} ‖ custom: BTreeMap<String, {ty, value}>``. Clients decode runtime-API results with
``apis`` (output type ids) and pass parameters by the names declared there.
"""

from __future__ import annotations

from runtime.metadata.model import (
    RuntimeApiMetadata,
    RuntimeApiMethodMetadata,
    RuntimeMetadataInput,
)
from runtime.metadata.registry import PortableRegistry
from runtime.metadata.runtime import resolved_extra_type, resolved_extrinsic_type
from runtime.metadata.scale_out import encode_bytes, encode_str, encode_str_vec, encode_vec
from runtime.metadata.v14 import MAGIC, encode_pallets, encode_signed_extensions
from runtime.primitives.scale import encode_compact


def encode_api_method(registry: PortableRegistry, method: RuntimeApiMethodMetadata) -> bytes:
    """``name ‖ inputs: Vec<{name, ty}> ‖ output ‖ docs``."""
    inputs = encode_vec(method.inputs, lambda pair: encode_str(pair[0]) + encode_compact(
        registry.register(pair[1])))
    output = encode_compact(registry.register(method.output))
    return encode_str(method.name) + inputs + output + encode_str_vec(method.docs)


def encode_api(registry: PortableRegistry, api: RuntimeApiMetadata) -> bytes:
    """``name ‖ methods ‖ docs``."""
    methods = encode_vec(api.methods, lambda method: encode_api_method(registry, method))
    return encode_str(api.name) + methods + encode_str_vec(api.docs)


def _encode_extrinsic(registry: PortableRegistry, metadata: RuntimeMetadataInput) -> bytes:
    extrinsic = metadata.extrinsic
    ids = [registry.register(extrinsic.address_type), registry.register(extrinsic.call_type),
           registry.register(extrinsic.signature_type),
           registry.register(resolved_extra_type(extrinsic))]
    return (bytes((extrinsic.version,)) + b"".join(encode_compact(i) for i in ids)
            + encode_signed_extensions(registry, extrinsic.extensions))


def _encode_custom(registry: PortableRegistry, metadata: RuntimeMetadataInput) -> bytes:
    """``BTreeMap<String, {ty, value}>``: entries in the byte order of their UTF-8 keys."""
    keys = sorted(metadata.custom, key=lambda key: key.encode("utf-8"))

    def entry(key: str) -> bytes:
        value = metadata.custom[key]
        return encode_str(key) + encode_compact(registry.register(value.type)) + encode_bytes(
            value.value)
    return encode_vec(keys, entry)


def encode_body_v15(metadata: RuntimeMetadataInput) -> tuple[PortableRegistry, bytes]:
    """The registry and the V15 body after the type registry."""
    registry = PortableRegistry()
    pallets = encode_pallets(registry, metadata, with_docs=True)
    extrinsic = _encode_extrinsic(registry, metadata)
    runtime_id = registry.register(metadata.runtime_type)
    apis = encode_vec(metadata.apis, lambda api: encode_api(registry, api))
    enums = metadata.outer_enums
    outer = b"".join(encode_compact(registry.register(t))
                     for t in (enums.call_type, enums.event_type, enums.error_type))
    custom = _encode_custom(registry, metadata)
    # V15 has no extrinsic ``ty``; clients (cyscale's ``add_portable_registry``) look the
    # UncheckedExtrinsic up by path to learn the Address/Signature types. A real runtime's APIs
    # (BlockBuilder.apply_extrinsic, TransactionPaymentApi.query_info) already reference it;
    # otherwise it is appended last, so the ids of everything else stay as Rust assigns them.
    registry.register(resolved_extrinsic_type(metadata.extrinsic))
    return registry, pallets + extrinsic + encode_compact(runtime_id) + apis + outer + custom


def encode_metadata_v15(metadata: RuntimeMetadataInput) -> bytes:
    """``b"meta" ‖ 0x0f ‖ RuntimeMetadataV15`` — served by ``Metadata_metadata_at_version(15)``."""
    registry, body = encode_body_v15(metadata)
    return MAGIC + b"\x0f" + registry.encode() + body


def registry_v15(metadata: RuntimeMetadataInput) -> PortableRegistry:
    """The V15 portable registry (ids as ``encode_metadata_v15`` assigns them)."""
    return encode_body_v15(metadata)[0]
