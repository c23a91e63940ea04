"""Transaction validity types as the runtime reports them (Substrate's ``transaction_validity``).

``TaggedTransactionQueue_validate_transaction`` returns the SCALE encoding of
``TransactionValidity = Result<ValidTransaction, TransactionValidityError>``. This module holds the
Python shapes of that value, the SCALE enum indices of every variant, the human-readable strings
Substrate's author RPC puts in an error's ``data``, and a codec for the whole ``Result`` so the node
can decode what the runtime returned.

SCALE layout (indices checked against polkadot-sdk ``sp_runtime::transaction_validity``):

- ``TransactionSource``: ``InBlock`` 0, ``Local`` 1, ``External`` 2.
- ``Result``: ``Ok`` 0, ``Err`` 1; ``TransactionValidityError``: ``Invalid`` 0, ``Unknown`` 1.
- ``InvalidTransaction``: ``Call`` 0 … ``BadSigner`` 10 (``Custom(u8)`` is 7), then the two variants
  newer SDKs append, ``IndeterminateImplicit`` 11 and ``UnknownOrigin`` 12.
- ``UnknownTransaction``: ``CannotLookup`` 0, ``NoUnsignedValidator`` 1, ``Custom(u8)`` 2.
- ``ValidTransaction``: ``priority u64 ‖ requires Vec<Vec<u8>> ‖ provides Vec<Vec<u8>> ‖
  longevity u64 ‖ propagate bool``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

U64_MAX = (1 << 64) - 1

Tag = bytes
"""A transaction tag: opaque runtime bytes (CheckNonce uses SCALE ``(AccountId, Nonce)``)."""


class ValidityDecodeError(ValueError):
    """The bytes are not a SCALE-encoded ``TransactionValidity`` (or ``TransactionSource``)."""


class ValidityValueError(ValueError):
    """A validity value was built with fields outside their Rust types' ranges."""


class TransactionSource(IntEnum):
    """Where a transaction came from; the value is its SCALE index."""

    IN_BLOCK = 0
    LOCAL = 1
    EXTERNAL = 2


@dataclass(frozen=True, slots=True)
class ValidTransaction:
    """A transaction the runtime accepts: its dependencies (tags) and rank (priority)."""

    priority: int = 0
    requires: tuple[Tag, ...] = ()
    provides: tuple[Tag, ...] = ()
    longevity: int = U64_MAX
    propagate: bool = True

    def __post_init__(self) -> None:
        for name in ("priority", "longevity"):
            value = getattr(self, name)
            if not isinstance(value, int) or not 0 <= value <= U64_MAX:
                raise ValidityValueError(f"{name} must be a u64, got {value!r}")
        for name in ("requires", "provides"):
            tags = getattr(self, name)
            if not isinstance(tags, tuple) or not all(isinstance(t, bytes) for t in tags):
                raise ValidityValueError(f"{name} must be a tuple of bytes tags")


class InvalidKind(IntEnum):
    """Variants of ``InvalidTransaction``; the value is the SCALE index."""

    CALL = 0
    PAYMENT = 1
    FUTURE = 2
    STALE = 3
    BAD_PROOF = 4
    ANCIENT_BIRTH_BLOCK = 5
    EXHAUSTS_RESOURCES = 6
    CUSTOM = 7
    BAD_MANDATORY = 8
    MANDATORY_VALIDATION = 9
    BAD_SIGNER = 10
    INDETERMINATE_IMPLICIT = 11
    UNKNOWN_ORIGIN = 12


class UnknownKind(IntEnum):
    """Variants of ``UnknownTransaction``; the value is the SCALE index."""

    CANNOT_LOOKUP = 0
    NO_UNSIGNED_VALIDATOR = 1
    CUSTOM = 2


# The strings of Substrate's ``From<InvalidTransaction> for &'static str``; the author RPC sends
# them as the ``data`` of error 1010 (except Custom, which it formats as "Custom error: N").
INVALID_MESSAGES: dict[InvalidKind, str] = {
    InvalidKind.CALL: "Transaction call is not expected",
    InvalidKind.PAYMENT: "Inability to pay some fees (e.g. account balance too low)",
    InvalidKind.FUTURE: "Transaction will be valid in the future",
    InvalidKind.STALE: "Transaction is outdated",
    InvalidKind.BAD_PROOF: "Transaction has a bad signature",
    InvalidKind.ANCIENT_BIRTH_BLOCK: "Transaction has an ancient birth block",
    InvalidKind.EXHAUSTS_RESOURCES: "Transaction would exhaust the block limits",
    InvalidKind.CUSTOM: "InvalidTransaction custom error",
    InvalidKind.BAD_MANDATORY: "A call was labelled as mandatory, but resulted in an Error.",
    InvalidKind.MANDATORY_VALIDATION:
        "Transaction dispatch is mandatory; transactions must not be validated.",
    InvalidKind.BAD_SIGNER: "Invalid signing address",
    InvalidKind.INDETERMINATE_IMPLICIT: "The implicit data was unable to be calculated",
    InvalidKind.UNKNOWN_ORIGIN: "The transaction extension did not authorize any origin",
}

UNKNOWN_MESSAGES: dict[UnknownKind, str] = {
    UnknownKind.CANNOT_LOOKUP: "Could not lookup information required to validate the transaction",
    UnknownKind.NO_UNSIGNED_VALIDATOR:
        "Could not find an unsigned validator for the unsigned transaction",
    UnknownKind.CUSTOM: "UnknownTransaction custom error",
}

# Rust ``Debug`` names of the variants (the author RPC formats UnknownTransaction with ``{:?}``).
_INVALID_DEBUG = {k: "".join(p.capitalize() for p in k.name.split("_")) for k in InvalidKind}
_UNKNOWN_DEBUG = {k: "".join(p.capitalize() for p in k.name.split("_")) for k in UnknownKind}


def _check_custom(kind_is_custom: bool, custom: int) -> None:
    if not isinstance(custom, int) or not 0 <= custom <= 255:
        raise ValidityValueError(f"custom error code must be a u8, got {custom!r}")
    if custom and not kind_is_custom:
        raise ValidityValueError("only the Custom variant carries a code")


@dataclass(frozen=True, slots=True)
class InvalidTransaction:
    """The runtime refuses the transaction; ``custom`` is the u8 of ``Custom(u8)``."""

    kind: InvalidKind
    custom: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", InvalidKind(self.kind))
        _check_custom(self.kind is InvalidKind.CUSTOM, self.custom)

    @property
    def message(self) -> str:
        """Substrate's ``&'static str`` for this variant."""
        return INVALID_MESSAGES[self.kind]

    @property
    def rpc_data(self) -> str:
        """The ``data`` string of the author RPC's error 1010 for this variant."""
        if self.kind is InvalidKind.CUSTOM:
            return f"Custom error: {self.custom}"
        return self.message

    def debug(self) -> str:
        """The Rust ``Debug`` rendering, e.g. ``Stale`` or ``Custom(3)``."""
        name = _INVALID_DEBUG[self.kind]
        return f"{name}({self.custom})" if self.kind is InvalidKind.CUSTOM else name


@dataclass(frozen=True, slots=True)
class UnknownTransaction:
    """The runtime cannot tell whether the transaction is valid; ``custom`` as above."""

    kind: UnknownKind
    custom: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", UnknownKind(self.kind))
        _check_custom(self.kind is UnknownKind.CUSTOM, self.custom)

    @property
    def message(self) -> str:
        """Substrate's ``&'static str`` for this variant."""
        return UNKNOWN_MESSAGES[self.kind]

    @property
    def rpc_data(self) -> str:
        """The ``data`` string of the author RPC's error 1011 (Rust ``{:?}`` of the value)."""
        return self.debug()

    def debug(self) -> str:
        """The Rust ``Debug`` rendering, e.g. ``CannotLookup`` or ``Custom(3)``."""
        name = _UNKNOWN_DEBUG[self.kind]
        return f"{name}({self.custom})" if self.kind is UnknownKind.CUSTOM else name


Validity = ValidTransaction | InvalidTransaction | UnknownTransaction
"""What a validator returns: the decoded ``TransactionValidity``."""


def encode_validity(validity: Validity) -> bytes:
    """SCALE-encode ``validity`` as ``Result<ValidTransaction, TransactionValidityError>``."""
    if isinstance(validity, ValidTransaction):
        return (b"\x00" + validity.priority.to_bytes(8, "little") + _encode_tags(validity.requires)
                + _encode_tags(validity.provides) + validity.longevity.to_bytes(8, "little")
                + (b"\x01" if validity.propagate else b"\x00"))
    if isinstance(validity, InvalidTransaction):
        head = b"\x01\x00" + bytes([validity.kind])
        return head + bytes([validity.custom]) if validity.kind is InvalidKind.CUSTOM else head
    if isinstance(validity, UnknownTransaction):
        head = b"\x01\x01" + bytes([validity.kind])
        return head + bytes([validity.custom]) if validity.kind is UnknownKind.CUSTOM else head
    raise TypeError(f"not a transaction validity: {type(validity).__name__}")


def decode_validity(data: bytes) -> Validity:
    """Decode a SCALE ``TransactionValidity``; every byte must be consumed."""
    reader = _Reader(data)
    outcome = reader.byte()
    if outcome == 0:
        value: Validity = ValidTransaction(
            priority=reader.u64(), requires=reader.tags(), provides=reader.tags(),
            longevity=reader.u64(), propagate=reader.boolean())
    elif outcome == 1:
        value = _decode_error(reader)
    else:
        raise ValidityDecodeError(f"bad Result index {outcome}")
    reader.finish()
    return value


def encode_validate_args(source: TransactionSource, extrinsic: bytes, block_hash: bytes) -> bytes:
    """The ``state_call`` argument bytes of ``TaggedTransactionQueue_validate_transaction``
    (API version 3): ``source u8 ‖ extrinsic (already length-prefixed) ‖ block_hash [u8; 32]``."""
    if len(block_hash) != 32:
        raise ValidityValueError(f"block hash must be 32 bytes, got {len(block_hash)}")
    return bytes([TransactionSource(source)]) + bytes(extrinsic) + bytes(block_hash)


def decode_source(data: bytes) -> TransactionSource:
    """Decode a one-byte SCALE ``TransactionSource``."""
    if len(data) != 1 or data[0] > 2:
        raise ValidityDecodeError(f"bad TransactionSource encoding {data.hex()}")
    return TransactionSource(data[0])


def _decode_error(reader: _Reader) -> InvalidTransaction | UnknownTransaction:
    which, index = reader.byte(), reader.byte()
    if which == 0:
        if index > max(InvalidKind):
            raise ValidityDecodeError(f"bad InvalidTransaction index {index}")
        kind = InvalidKind(index)
        return InvalidTransaction(kind, reader.byte() if kind is InvalidKind.CUSTOM else 0)
    if which == 1:
        if index > max(UnknownKind):
            raise ValidityDecodeError(f"bad UnknownTransaction index {index}")
        ukind = UnknownKind(index)
        return UnknownTransaction(ukind, reader.byte() if ukind is UnknownKind.CUSTOM else 0)
    raise ValidityDecodeError(f"bad TransactionValidityError index {which}")


def _compact(n: int) -> bytes:
    if n < 1 << 6:
        return bytes([n << 2])
    if n < 1 << 14:
        return ((n << 2) | 1).to_bytes(2, "little")
    if n < 1 << 30:
        return ((n << 2) | 2).to_bytes(4, "little")
    body = n.to_bytes((n.bit_length() + 7) // 8, "little")
    return bytes([((len(body) - 4) << 2) | 3]) + body


def _encode_tags(tags: tuple[Tag, ...]) -> bytes:
    return _compact(len(tags)) + b"".join(_compact(len(t)) + t for t in tags)


class _Reader:
    """A cursor over SCALE bytes with the few decoders the validity type needs."""

    def __init__(self, data: bytes) -> None:
        self._data = bytes(data)
        self._pos = 0

    def take(self, n: int) -> bytes:
        """The next ``n`` bytes."""
        end = self._pos + n
        if end > len(self._data):
            raise ValidityDecodeError("unexpected end of input")
        chunk = self._data[self._pos:end]
        self._pos = end
        return chunk

    def byte(self) -> int:
        """One byte as an int."""
        return self.take(1)[0]

    def u64(self) -> int:
        """A little-endian u64."""
        return int.from_bytes(self.take(8), "little")

    def boolean(self) -> bool:
        """A SCALE bool (0 or 1)."""
        value = self.byte()
        if value > 1:
            raise ValidityDecodeError(f"bad bool byte {value}")
        return value == 1

    def compact(self) -> int:
        """A SCALE compact integer."""
        first = self._data[self._pos] if self._pos < len(self._data) else None
        if first is None:
            raise ValidityDecodeError("unexpected end of input")
        mode = first & 3
        if mode == 0:
            return self.byte() >> 2
        if mode == 1:
            return int.from_bytes(self.take(2), "little") >> 2
        if mode == 2:
            return int.from_bytes(self.take(4), "little") >> 2
        return int.from_bytes(self.take((self.byte() >> 2) + 4), "little")

    def tags(self) -> tuple[Tag, ...]:
        """A ``Vec<Vec<u8>>``."""
        return tuple(self.take(self.compact()) for _ in range(self.compact()))

    def finish(self) -> None:
        """Fail if any byte is left."""
        if self._pos != len(self._data):
            raise ValidityDecodeError(f"{len(self._data) - self._pos} trailing bytes")
