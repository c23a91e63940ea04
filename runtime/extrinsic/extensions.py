"""Transaction extensions as data: identifier, explicit type, implicit type, in runtime order.

A signed extrinsic carries each extension's *explicit* data ("extra") between the signature and the
call; the signer also signs each extension's *implicit* data ("additional signed"), which the
runtime recomputes from its own state (spec/substrate.md §5.2, clients.md §4). Both are plain
concatenations in the runtime's tuple order. The call stays opaque, so the decoder must know where
the extra ends: it walks the ``ExtensionSet``.

``SUBTENSOR_EXTENSIONS`` is subtensor's ``TxExtension`` (spec_version 425) with the identifiers the
metadata reports: the tip-carrying ``ChargeTransactionPaymentWrapper`` reports itself as
``ChargeTransactionPayment``, which is the name the bittensor SDK matches on. Its bytes:
``extra = era ‖ compact(nonce) ‖ compact(tip) ‖ mode`` and
``implicit = spec_version ‖ transaction_version ‖ genesis ‖ birth hash ‖ Option<metadata hash>``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from runtime.extrinsic.errors import ExtrinsicDecodeError, ExtrinsicEncodeError
from runtime.primitives.era import ERA, IMMORTAL, Era
from runtime.primitives.scale import (
    U8,
    U32,
    U64,
    Array,
    Compact,
    DecodeError,
    Enum,
    EnumValue,
    Option,
    ScaleError,
    ScaleType,
    Some,
    Struct,
    Unit,
)
from runtime.primitives.scale.base import Buffer
from runtime.primitives.scale.common import H256


class MetadataHashMode(IntEnum):
    """``frame_metadata_hash_extension::Mode``: the one explicit byte of ``CheckMetadataHash``."""

    DISABLED = 0
    ENABLED = 1


METADATA_HASH_MODE = Enum("Mode", [("Disabled", []), ("Enabled", [])],
                          path=("frame_metadata_hash_extension", "Mode"))
CHECK_METADATA_HASH = Struct("CheckMetadataHash", [("mode", METADATA_HASH_MODE, "Mode")],
                             path=("frame_metadata_hash_extension", "CheckMetadataHash"))
METADATA_HASH_IMPLICIT = Option(Array(U8, 32))
NONCE = Compact(U32)
TIP = Compact(U64)


@dataclass(frozen=True, slots=True)
class TransactionExtension:
    """One transaction extension: its ``identifier`` as metadata reports it, the SCALE type of
    its ``explicit`` data (in the extrinsic) and of its ``implicit`` data (signed only).
    ``Unit`` means the extension contributes no bytes on that side."""

    identifier: str
    explicit: ScaleType = Unit
    implicit: ScaleType = Unit


class ExtensionSet:
    """An ordered, immutable list of transaction extensions (the runtime's ``TxExtension``).

    Values are exchanged as mappings from identifier to value, holding only the extensions that
    contribute bytes on the side concerned."""

    __slots__ = ("_explicit", "_implicit", "extensions")

    def __init__(self, extensions: Iterable[TransactionExtension]) -> None:
        self.extensions: tuple[TransactionExtension, ...] = tuple(extensions)
        identifiers = [ext.identifier for ext in self.extensions]
        duplicates = sorted({name for name in identifiers if identifiers.count(name) > 1})
        if duplicates:
            raise ValueError(f"duplicate extension identifiers: {', '.join(duplicates)}")
        self._explicit = tuple(e for e in self.extensions if e.explicit is not Unit)
        self._implicit = tuple(e for e in self.extensions if e.implicit is not Unit)

    def __iter__(self) -> Iterator[TransactionExtension]:
        return iter(self.extensions)

    def __len__(self) -> int:
        return len(self.extensions)

    @property
    def identifiers(self) -> tuple[str, ...]:
        """The identifiers in order."""
        return tuple(ext.identifier for ext in self.extensions)

    def decode_explicit_from(self, data: Buffer, offset: int) -> tuple[dict[str, Any], int]:
        """Decode every extension's explicit data starting at ``offset``; returns the values by
        identifier and the offset where the extra ends."""
        values: dict[str, Any] = {}
        for ext in self._explicit:
            try:
                values[ext.identifier], end = ext.explicit.decode_from(data, offset)
            except DecodeError as exc:
                raise ExtrinsicDecodeError(f"extension {ext.identifier}", offset,
                                           f"{exc.type_name}: {exc.reason}") from exc
            offset = end
        return values, offset

    def encode_explicit(self, values: Mapping[str, Any]) -> bytes:
        """The extra: each extension's explicit value from ``values``, concatenated in order."""
        return self._encode(self._explicit, values, "explicit")

    def encode_implicit(self, values: Mapping[str, Any]) -> bytes:
        """The implicit data: each extension's implicit value from ``values``, in order."""
        return self._encode(self._implicit, values, "implicit")

    @staticmethod
    def _encode(extensions: tuple[TransactionExtension, ...], values: Mapping[str, Any],
                side: str) -> bytes:
        parts = []
        for ext in extensions:
            if ext.identifier not in values:
                raise ExtrinsicEncodeError(f"extension {ext.identifier} needs {side} data")
            scale_type = ext.explicit if side == "explicit" else ext.implicit
            try:
                parts.append(scale_type.encode(values[ext.identifier]))
            except ScaleError as exc:
                raise ExtrinsicEncodeError(
                    f"extension {ext.identifier} {side} data: {exc}") from exc
        return b"".join(parts)


SUBTENSOR_EXTENSIONS = ExtensionSet([
    TransactionExtension("CheckNonZeroSender"),
    TransactionExtension("CheckSpecVersion", implicit=U32),
    TransactionExtension("CheckTxVersion", implicit=U32),
    TransactionExtension("CheckGenesis", implicit=H256),
    TransactionExtension("CheckMortality", explicit=ERA, implicit=H256),
    TransactionExtension("CheckNonce", explicit=NONCE),
    TransactionExtension("CheckWeight"),
    TransactionExtension("ChargeTransactionPayment", explicit=TIP),
    TransactionExtension("SudoTransactionExtension"),
    TransactionExtension("CheckShieldedTxValidity"),
    TransactionExtension("SubtensorTransactionExtension"),
    TransactionExtension("DrandPriority"),
    TransactionExtension("CheckMetadataHash", explicit=CHECK_METADATA_HASH,
                         implicit=METADATA_HASH_IMPLICIT),
])
"""subtensor's 13 extensions in ``TxExtension`` order (clients.md §4)."""


@dataclass(frozen=True, slots=True)
class SignedExtra:
    """The explicit extension values of a subtensor transaction, typed: mortality, nonce (u32),
    tip (u64 rao) and the metadata-hash mode."""

    era: Era = IMMORTAL
    nonce: int = 0
    tip: int = 0
    metadata_hash_mode: MetadataHashMode = MetadataHashMode.DISABLED

    def explicit_values(self) -> dict[str, Any]:
        """The values by identifier, as :meth:`ExtensionSet.encode_explicit` takes them."""
        mode = "Enabled" if self.metadata_hash_mode == MetadataHashMode.ENABLED else "Disabled"
        return {"CheckMortality": self.era, "CheckNonce": self.nonce,
                "ChargeTransactionPayment": self.tip,
                "CheckMetadataHash": {"mode": EnumValue(mode, None)}}

    def encode(self, extensions: ExtensionSet = SUBTENSOR_EXTENSIONS) -> bytes:
        """The extra bytes under ``extensions``."""
        return extensions.encode_explicit(self.explicit_values())

    @classmethod
    def from_explicit_values(cls, values: Mapping[str, Any]) -> SignedExtra:
        """The typed view of decoded explicit values; extensions absent from the set take the
        defaults (immortal, nonce 0, tip 0, metadata hash disabled)."""
        metadata = values.get("CheckMetadataHash")
        mode = metadata["mode"] if isinstance(metadata, Mapping) else getattr(metadata, "mode",
                                                                              None)
        enabled = mode is not None and mode.variant == "Enabled"
        return cls(values.get("CheckMortality", IMMORTAL), values.get("CheckNonce", 0),
                   values.get("ChargeTransactionPayment", 0),
                   MetadataHashMode.ENABLED if enabled else MetadataHashMode.DISABLED)


@dataclass(frozen=True, slots=True)
class ImplicitContext:
    """What a signer signs besides the call and extra: runtime versions, the genesis hash, the
    hash of the era's birth block (``None``: the genesis hash, as for an immortal era) and the
    RFC-0078 metadata hash (``None`` with mode Disabled)."""

    spec_version: int
    transaction_version: int
    genesis_hash: bytes
    birth_hash: bytes | None = None
    metadata_hash: bytes | None = None

    def implicit_values(self) -> dict[str, Any]:
        """The values by identifier, as :meth:`ExtensionSet.encode_implicit` takes them."""
        birth = self.genesis_hash if self.birth_hash is None else self.birth_hash
        metadata = None if self.metadata_hash is None else Some(self.metadata_hash)
        return {"CheckSpecVersion": self.spec_version,
                "CheckTxVersion": self.transaction_version,
                "CheckGenesis": self.genesis_hash, "CheckMortality": birth,
                "CheckMetadataHash": metadata}

    def encode(self, extensions: ExtensionSet = SUBTENSOR_EXTENSIONS) -> bytes:
        """The implicit bytes under ``extensions``."""
        return extensions.encode_implicit(self.implicit_values())


def implicit_data(context: ImplicitContext,
                  extensions: ExtensionSet = SUBTENSOR_EXTENSIONS) -> bytes:
    """The implicit ("additional signed") bytes of ``context`` under ``extensions``."""
    return context.encode(extensions)

