"""Runtime metadata V14/V15 (spec/substrate.md §6): descriptor records, the portable type registry,
outer enums and the encoders served by ``state_getMetadata`` and the ``Metadata_*`` runtime APIs."""

from __future__ import annotations

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

__all__ = [
    "ConstantMetadata",
    "CustomValueMetadata",
    "ExtrinsicMetadata",
    "OuterEnums",
    "PalletMetadata",
    "RuntimeApiMetadata",
    "RuntimeApiMethodMetadata",
    "RuntimeMetadataInput",
    "SignedExtensionMetadata",
    "StorageEntryMetadata",
]
