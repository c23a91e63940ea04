"""The v4 ``UncheckedExtrinsic`` envelope (spec/substrate.md §5.1, clients.md §5).

``extrinsic = compact(len(body)) ‖ body`` where ``body`` is

* ``0x04 ‖ call`` — bare (inherents, unsigned transactions);
* ``0x84 ‖ address ‖ signature ‖ extra ‖ call`` — signed.

``address`` is subtensor's ``MultiAddress<AccountId32, ()>``: ``00 Id([u8;32])``, ``01 Index``
(``Compact<()>``: no bytes), ``02 Raw(Vec<u8>)``, ``03 Address32([u8;32])``,
``04 Address20([u8;20])``. Only ``Id`` resolves to an account (``AccountIdLookup``); the others
decode but fail the lookup with ``UnknownTransaction::CannotLookup`` when checked.
``signature`` is ``MultiSignature``: ``00 Ed25519[64]``, ``01 Sr25519[64]``, ``02 Ecdsa[65]``.
``extra`` is the concatenated explicit data of the extension set (:mod:`.extensions`).

The call stays opaque bytes (pallet index, call index, arguments) for the runtime's call
registry; it is everything after the extra up to the end the length prefix declares, and must hold
at least the two index bytes. v5 (``0x05``, ``0x45``), v4 general (``0x44``) and any other version
byte are refused, as are length prefixes that disagree with the bytes, trailing bytes and unknown
address or signature variants (:mod:`.errors`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from runtime.extrinsic.errors import (
    ExtrinsicDecodeError,
    ExtrinsicEncodeError,
    LengthPrefixError,
    TrailingBytesError,
    UnknownVariantError,
    UnsupportedVersionError,
)
from runtime.extrinsic.extensions import SUBTENSOR_EXTENSIONS, ExtensionSet, SignedExtra
from runtime.primitives.hashing import blake2_256
from runtime.primitives.scale import DecodeError, decode_compact, encode_compact
from runtime.primitives.scale.base import Buffer

BARE_V4 = 0x04
SIGNED_V4 = 0x84
_U32_MAX = (1 << 32) - 1
_VERSION_NAMES = {0x05: "v5 bare", 0x45: "v5 general", 0x44: "v4 general"}


class AddressKind(IntEnum):
    """The variants of ``MultiAddress``; the value is the SCALE index."""

    ID = 0
    INDEX = 1
    RAW = 2
    ADDRESS32 = 3
    ADDRESS20 = 4


_ADDRESS_KINDS = tuple(AddressKind)
_ADDRESS_SIZES = {AddressKind.ID: 32, AddressKind.INDEX: 0, AddressKind.ADDRESS32: 32,
                  AddressKind.ADDRESS20: 20}


@dataclass(frozen=True, slots=True)
class MultiAddress:
    """A transaction sender's address; ``data`` is the variant's payload (for ``Raw`` the bytes
    without their length prefix, for ``Index`` empty as subtensor's index type is ``()``)."""

    kind: AddressKind
    data: bytes = b""

    def __post_init__(self) -> None:
        if type(self.kind) is not AddressKind:
            object.__setattr__(self, "kind", AddressKind(self.kind))
        size = _ADDRESS_SIZES.get(self.kind)
        if not isinstance(self.data, bytes) or (size is not None and len(self.data) != size):
            raise ExtrinsicEncodeError(f"{self.kind.name} address needs {size} bytes, "
                                       f"got {self.data!r}")

    @classmethod
    def id(cls, account_id: bytes) -> MultiAddress:
        """``MultiAddress::Id(account_id)`` — the only form clients produce."""
        return cls(AddressKind.ID, bytes(account_id))

    @property
    def account_id(self) -> bytes | None:
        """The AccountId32 this address resolves to under ``AccountIdLookup`` (``Id`` only)."""
        return self.data if self.kind is AddressKind.ID else None

    def encode(self) -> bytes:
        """The SCALE encoding."""
        if self.kind is AddressKind.RAW:
            return b"\x02" + encode_compact(len(self.data)) + self.data
        return bytes([self.kind]) + self.data


class SignatureScheme(IntEnum):
    """The variants of ``MultiSignature``; the value is the SCALE index."""

    ED25519 = 0
    SR25519 = 1
    ECDSA = 2


SIGNATURE_SIZES = {SignatureScheme.ED25519: 64, SignatureScheme.SR25519: 64,
                   SignatureScheme.ECDSA: 65}
_SIGNATURE_SCHEMES = tuple(SignatureScheme)


@dataclass(frozen=True, slots=True)
class MultiSignature:
    """A signature with its scheme: 64 bytes (ed25519, sr25519) or 65 (ecdsa ``r ‖ s ‖ v``)."""

    scheme: SignatureScheme
    data: bytes

    def __post_init__(self) -> None:
        if type(self.scheme) is not SignatureScheme:
            object.__setattr__(self, "scheme", SignatureScheme(self.scheme))
        size = SIGNATURE_SIZES[self.scheme]
        if not isinstance(self.data, bytes) or len(self.data) != size:
            raise ExtrinsicEncodeError(f"{self.scheme.name} signature needs {size} bytes, "
                                       f"got {self.data!r}")

    def encode(self) -> bytes:
        """The SCALE encoding."""
        return bytes([self.scheme]) + self.data


@dataclass(frozen=True, slots=True)
class SignedData:
    """The signed preamble: sender address, signature, and the extra (explicit extension data) as
    bytes; ``explicit`` must hold the same data decoded, by extension identifier (the decoder and
    ``build_signed_extrinsic`` fill both; the signature covers ``extra``)."""

    address: MultiAddress
    signature: MultiSignature
    extra: bytes
    explicit: dict[str, Any] = field(compare=False, hash=False)

    @property
    def signed_extra(self) -> SignedExtra:
        """The typed subtensor view of ``explicit`` (era, nonce, tip, metadata-hash mode)."""
        return SignedExtra.from_explicit_values(self.explicit)

    def encode(self) -> bytes:
        """``address ‖ signature ‖ extra``."""
        return self.address.encode() + self.signature.encode() + self.extra


@dataclass(frozen=True, slots=True)
class UncheckedExtrinsic:
    """A v4 extrinsic: an opaque ``call`` and, when signed, its ``SignedData``."""

    call: bytes
    signed: SignedData | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.call, bytes) or len(self.call) < 2:
            raise ExtrinsicEncodeError(
                f"a call needs at least its pallet and call index bytes, got {self.call!r}")

    @property
    def is_signed(self) -> bool:
        """Whether this is a signed transaction (else bare: an inherent or unsigned)."""
        return self.signed is not None

    @property
    def call_index(self) -> tuple[int, int]:
        """``(pallet index, call index)``: the first two bytes of the call."""
        return self.call[0], self.call[1]

    def encode(self) -> bytes:
        """The full encoding, length prefix included."""
        if self.signed is None:
            body = bytes([BARE_V4]) + self.call
        else:
            body = bytes([SIGNED_V4]) + self.signed.encode() + self.call
        return encode_compact(len(body)) + body

    def hash(self) -> bytes:
        """``blake2_256`` of the full encoding (the pool's and RPC's extrinsic hash)."""
        return blake2_256(self.encode())


def extrinsic_hash(encoded: bytes) -> bytes:
    """The extrinsic hash: ``blake2_256`` of the full encoding including the length prefix."""
    return blake2_256(bytes(encoded))


def decode_extrinsic(data: Buffer,
                     extensions: ExtensionSet = SUBTENSOR_EXTENSIONS) -> UncheckedExtrinsic:
    """Decode exactly one extrinsic: the whole input must be consumed."""
    extrinsic, end = decode_extrinsic_from(data, 0, extensions)
    if end != len(data):
        raise TrailingBytesError("end", end, f"{len(data) - end} bytes follow the extrinsic "
                                 "its length prefix declares")
    return extrinsic


def decode_extrinsic_from(data: Buffer, offset: int = 0,
                          extensions: ExtensionSet = SUBTENSOR_EXTENSIONS
                          ) -> tuple[UncheckedExtrinsic, int]:
    """Decode one extrinsic at ``offset`` (e.g. inside a block body); returns it and the offset
    just after it."""
    body_start, body_end = _read_length_prefix(data, offset)
    body = bytes(data[body_start:body_end])
    if not body:
        raise ExtrinsicDecodeError("version byte", body_start, "the body is empty")
    version = body[0]
    if version == BARE_V4:
        call_start, signed = 1, None
    elif version == SIGNED_V4:
        signed, call_start = _decode_signed(body, body_start, extensions)
    else:
        name = _VERSION_NAMES.get(version, "unknown")
        raise UnsupportedVersionError("version byte", body_start,
                                      f"0x{version:02x} ({name}) is not supported: only 0x04 "
                                      "(bare v4) and 0x84 (signed v4)")
    call = body[call_start:]
    if len(call) < 2:
        raise ExtrinsicDecodeError("call", body_start + call_start,
                                   f"{len(call)} bytes left, a call needs its pallet and call "
                                   "index bytes")
    return UncheckedExtrinsic(call, signed), body_end


def _read_length_prefix(data: Buffer, offset: int) -> tuple[int, int]:
    try:
        length, body_start = decode_compact(data, offset, "Compact<u32>")
    except DecodeError as exc:
        raise LengthPrefixError("length prefix", offset, exc.reason) from exc
    if length > _U32_MAX:
        raise LengthPrefixError("length prefix", offset, f"{length} exceeds u32")
    body_end = body_start + length
    if body_end > len(data):
        raise LengthPrefixError("length prefix", offset,
                                f"declares {length} bytes but {len(data) - body_start} follow")
    return body_start, body_end


def _decode_signed(body: bytes, base: int,
                   extensions: ExtensionSet) -> tuple[SignedData, int]:
    address, offset = _decode_address(body, 1, base)
    signature, offset = _decode_signature(body, offset, base)
    try:
        explicit, extra_end = extensions.decode_explicit_from(body, offset)
    except ExtrinsicDecodeError as exc:
        raise ExtrinsicDecodeError(exc.what, base + exc.offset, exc.reason) from exc
    return SignedData(address, signature, body[offset:extra_end], explicit), extra_end


def _decode_address(body: bytes, offset: int, base: int) -> tuple[MultiAddress, int]:
    if offset >= len(body):
        raise ExtrinsicDecodeError("address", base + offset, "the body ends before the address")
    index = body[offset]
    if index >= len(_ADDRESS_KINDS):
        raise UnknownVariantError("address", base + offset,
                                  f"MultiAddress has no variant {index}")
    kind = _ADDRESS_KINDS[index]
    start = offset + 1
    if kind is AddressKind.RAW:
        try:
            size, start = decode_compact(body, start, "Vec<u8> length")
        except DecodeError as exc:
            raise ExtrinsicDecodeError("address", base + offset,
                                       f"Raw length: {exc.reason}") from exc
    else:
        size = _ADDRESS_SIZES[kind]
    if start + size > len(body):
        raise ExtrinsicDecodeError("address", base + offset,
                                   f"{kind.name} needs {size} bytes, {len(body) - start} left")
    return MultiAddress(kind, body[start:start + size]), start + size


def _decode_signature(body: bytes, offset: int, base: int) -> tuple[MultiSignature, int]:
    if offset >= len(body):
        raise ExtrinsicDecodeError("signature", base + offset,
                                   "the body ends before the signature")
    index = body[offset]
    if index >= len(_SIGNATURE_SCHEMES):
        raise UnknownVariantError("signature", base + offset,
                                  f"MultiSignature has no variant {index}")
    scheme = _SIGNATURE_SCHEMES[index]
    size = SIGNATURE_SIZES[scheme]
    end = offset + 1 + size
    if end > len(body):
        raise ExtrinsicDecodeError("signature", base + offset,
                                   f"{scheme.name} needs {size} bytes, {len(body) - offset - 1}"
                                   " left")
    return MultiSignature(scheme, body[offset + 1:end]), end
