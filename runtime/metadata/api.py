"""Outputs of the ``Metadata`` runtime API (spec/substrate.md §6.1), ready for ``state_call``.

- ``Metadata_metadata()`` → ``OpaqueMetadata`` = ``Vec<u8>`` holding the V14 bytes;
- ``Metadata_metadata_at_version(u32)`` → ``Option<OpaqueMetadata>`` (None for other versions);
- ``Metadata_metadata_versions()`` → ``Vec<u32>`` = ``[14, 15]``.

``MetadataProvider`` encodes each version once per input and caches the bytes (metadata only
changes with the runtime, i.e. with ``spec_version``). ``METADATA_API`` declares this API for the
V15 ``apis`` list, with the shapes the provider returns.
"""

from __future__ import annotations

from collections.abc import Callable

from runtime.metadata.model import (
    RuntimeApiMetadata,
    RuntimeApiMethodMetadata,
    RuntimeMetadataInput,
)
from runtime.metadata.v14 import encode_metadata_v14
from runtime.metadata.v15 import encode_metadata_v15
from runtime.primitives.scale import U32, Bytes, DecodeError, Option, Struct, Vec

SUPPORTED_VERSIONS = (14, 15)
"""Metadata versions this runtime serves, ascending."""

_ENCODERS: dict[int, Callable[[RuntimeMetadataInput], bytes]] = {
    14: encode_metadata_v14,
    15: encode_metadata_v15,
}


OpaqueMetadata = Struct("OpaqueMetadata", [(None, Bytes, "Vec<u8>")],
                        path=("sp_core", "OpaqueMetadata"))
"""``sp_core::OpaqueMetadata``: the prefixed metadata as a ``Vec<u8>`` (value: bytes)."""

METADATA_API = RuntimeApiMetadata("Metadata", (
    RuntimeApiMethodMetadata("metadata", (), OpaqueMetadata,
                             (" The V14 metadata of this runtime.",)),
    RuntimeApiMethodMetadata("metadata_at_version", (("version", U32),), Option(OpaqueMetadata),
                             (" The metadata in the requested version; None if unsupported.",)),
    RuntimeApiMethodMetadata("metadata_versions", (), Vec(U32),
                             (" The metadata versions this runtime can return.",)),
), (" Runtime metadata (types, pallets, extrinsic format, runtime APIs).",))
"""The ``Metadata`` runtime API as V15 lists it (``state_call`` names ``Metadata_<method>``)."""


def metadata_versions_output() -> bytes:
    """SCALE ``Vec<u32>`` of the supported versions (``08 0e000000 0f000000``)."""
    return Vec(U32).encode(list(SUPPORTED_VERSIONS))


class MetadataProvider:
    """Caches the encoded metadata of one runtime description and answers the API calls."""

    def __init__(self, metadata: RuntimeMetadataInput) -> None:
        self._input = metadata
        self._cache: dict[int, bytes] = {}

    def metadata_bytes(self, version: int) -> bytes:
        """The prefixed metadata (``b"meta" ‖ version ‖ …``) of a supported version."""
        if version not in _ENCODERS:
            raise ValueError(f"metadata version {version} is not supported")
        cached = self._cache.get(version)
        if cached is None:
            cached = self._cache[version] = _ENCODERS[version](self._input)
        return cached

    def metadata(self) -> bytes:
        """Output of ``Metadata_metadata``: ``OpaqueMetadata`` of V14."""
        return OpaqueMetadata.encode(self.metadata_bytes(14))

    def metadata_at_version(self, version: int) -> bytes:
        """Output of ``Metadata_metadata_at_version``: ``Option<OpaqueMetadata>``."""
        if version not in _ENCODERS:
            return Option(OpaqueMetadata).encode(None)
        return Option(OpaqueMetadata).encode(self.metadata_bytes(version))

    def metadata_versions(self) -> bytes:
        """Output of ``Metadata_metadata_versions``: ``Vec<u32>``."""
        return metadata_versions_output()

    def call(self, method: str, data: bytes) -> bytes:
        """Dispatch a ``state_call`` of the Metadata API by its method name and SCALE input."""
        if method == "Metadata_metadata":
            self._no_input(method, data)
            return self.metadata()
        if method == "Metadata_metadata_versions":
            self._no_input(method, data)
            return self.metadata_versions()
        if method == "Metadata_metadata_at_version":
            return self.metadata_at_version(U32.decode(data))
        raise KeyError(f"unknown Metadata API method {method!r}")

    @staticmethod
    def _no_input(method: str, data: bytes) -> None:
        if data:
            raise DecodeError(method, 0, f"{len(data)} unexpected input byte(s)")
