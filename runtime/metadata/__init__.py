"""Runtime metadata V14/V15 (spec/substrate.md §6): descriptor records, the portable type registry,
outer enums and the encoders served by ``state_getMetadata`` and the ``Metadata_*`` runtime APIs.

Typical use (by the runtime's composition)::

    enums = build_outer_enums(pallets)              # the runtime encodes/decodes with these too
    meta = build_metadata_input(pallets, extensions, apis=apis, outer_enums=enums)
    assert client_convention_problems(meta) == []    # in the runtime's tests
    provider = MetadataProvider(meta)
    provider.metadata_bytes(14)                      # state_getMetadata
    provider.call("Metadata_metadata_at_version", bytes.fromhex("0f000000"))

What the pallet declarations provide: per pallet a ``PalletMetadata`` (instance name, index,
storage entries with modifier/hashers/key/value/default bytes, constants as SCALE bytes) whose
``call_type``/``event_type``/``error_type`` are enum types with scale-info paths
(``<crate>::pallet::Call`` with param ``T`` erased), variant index = call/event/error index and a
``type_name`` on every field; recursive references to ``RuntimeCall``/``RuntimeEvent`` go through
``Lazy`` to the objects ``build_outer_enums`` returns; ``frame_system::EventRecord`` (params ``E``,
``T``), ``Phase`` and ``DispatchError`` come from System; one ``SignedExtensionMetadata`` per
extension, in subtensor's order, with the standard identifiers; runtime-API methods with their
Rust parameter names. Identical types may be declared more than once (they are registered once);
two different types must not share a path and parameters.
"""

from __future__ import annotations

from runtime.metadata.api import (
    METADATA_API,
    SUPPORTED_VERSIONS,
    MetadataProvider,
    OpaqueMetadata,
    metadata_versions_output,
)
from runtime.metadata.checks import client_convention_problems
from runtime.metadata.model import (
    ConstantMetadata,
    CustomValueMetadata,
    ExtrinsicMetadata,
    OuterEnums,
    PalletMetadata,
    RuntimeApiMetadata,
    RuntimeApiMethodMetadata,
    RuntimeMetadataInput,
    SignedExtensionMetadata,
    StorageEntryMetadata,
)
from runtime.metadata.registry import PortableRegistry, PortableType
from runtime.metadata.runtime import (
    RUNTIME_CRATE,
    build_metadata_input,
    build_outer_enums,
    extrinsic_metadata,
    runtime_call_type,
    runtime_error_type,
    runtime_event_type,
    runtime_marker_type,
    sp_unchecked_extrinsic_type,
    unchecked_extrinsic_type,
)
from runtime.metadata.v14 import encode_metadata_v14, registry_v14
from runtime.metadata.v15 import encode_metadata_v15, registry_v15

__all__ = [
    "METADATA_API",
    "RUNTIME_CRATE",
    "SUPPORTED_VERSIONS",
    "ConstantMetadata",
    "CustomValueMetadata",
    "ExtrinsicMetadata",
    "MetadataProvider",
    "OpaqueMetadata",
    "OuterEnums",
    "PalletMetadata",
    "PortableRegistry",
    "PortableType",
    "RuntimeApiMetadata",
    "RuntimeApiMethodMetadata",
    "RuntimeMetadataInput",
    "SignedExtensionMetadata",
    "StorageEntryMetadata",
    "build_metadata_input",
    "build_outer_enums",
    "client_convention_problems",
    "encode_metadata_v14",
    "encode_metadata_v15",
    "extrinsic_metadata",
    "metadata_versions_output",
    "registry_v14",
    "registry_v15",
    "runtime_call_type",
    "runtime_error_type",
    "runtime_event_type",
    "runtime_marker_type",
    "sp_unchecked_extrinsic_type",
    "unchecked_extrinsic_type",
]
