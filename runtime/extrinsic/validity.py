"""Transaction validity as the runtime reports it (``sp_runtime::transaction_validity``).

``TaggedTransactionQueue_validate_transaction`` answers with the SCALE encoding of
``TransactionValidity = Result<ValidTransaction, TransactionValidityError>``; this module holds the
runtime's own Python values for it and the SCALE type objects (with scale-info paths, for metadata).
The transaction pool (``node/txpool``) uses these same types; the encoded bytes are what crosses
``state_call``.

SCALE layout:

- ``Result``: ``Ok`` 0, ``Err`` 1; ``TransactionValidityError``: ``Invalid`` 0, ``Unknown`` 1.
- ``InvalidTransaction``: Call 0, Payment 1, Future 2, Stale 3, BadProof 4, AncientBirthBlock 5,
  ExhaustsResources 6, Custom(u8) 7, BadMandatory 8, MandatoryValidation 9, BadSigner 10,
  IndeterminateImplicit 11, UnknownOrigin 12.
- ``UnknownTransaction``: CannotLookup 0, NoUnsignedValidator 1, Custom(u8) 2.
- ``ValidTransaction``: ``priority u64 ‖ requires Vec<Vec<u8>> ‖ provides Vec<Vec<u8>> ‖
  longevity u64 ‖ propagate bool``.
- ``TransactionSource`` (an input of the runtime API): InBlock 0, Local 1, External 2.

Refusals carry an optional ``reason``: a human explanation that is never encoded (the wire form is
only the variant), used in logs and RPC error details.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import IntEnum

from runtime.primitives.scale import (
    U8,
    U64,
    Bool,
    Bytes,
    DecodeError,
    EncodeError,
    Enum,
    EnumValue,
    Result,
    Struct,
    Vec,
)

U64_MAX = (1 << 64) - 1
_PATH = ("sp_runtime", "transaction_validity")


class ValidityCodecError(ValueError):
    """Bytes that are not a SCALE ``TransactionValidity`` / ``TransactionSource``, or a value
    outside its Rust type (a priority above u64, a custom code above u8)."""


class InvalidKind(IntEnum):
    """The variants of ``InvalidTransaction``; the value is the SCALE index."""

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
    """The variants of ``UnknownTransaction``; the value is the SCALE index."""

    CANNOT_LOOKUP = 0
    NO_UNSIGNED_VALIDATOR = 1
    CUSTOM = 2


class TransactionSource(IntEnum):
    """Where a transaction to validate comes from; the value is its SCALE index."""

    IN_BLOCK = 0
    LOCAL = 1
    EXTERNAL = 2


def _rust_name(kind: IntEnum) -> str:
    return "".join(part.capitalize() for part in kind.name.split("_"))


def _check_custom(is_custom: bool, custom: int) -> None:
    if not isinstance(custom, int) or not 0 <= custom <= 255:
        raise ValidityCodecError(f"custom code must be a u8, got {custom!r}")
    if custom and not is_custom:
        raise ValidityCodecError("only the Custom variant carries a code")


@dataclass(frozen=True, slots=True)
class InvalidTransaction:
    """``TransactionValidityError::Invalid``: the transaction is refused.

    ``custom`` is the u8 of ``Custom(u8)``; ``reason`` is a non-encoded explanation."""

    kind: InvalidKind
    custom: int = 0
    reason: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", InvalidKind(self.kind))
        _check_custom(self.kind is InvalidKind.CUSTOM, self.custom)

    def __str__(self) -> str:
        name = _rust_name(self.kind)
        text = f"{name}({self.custom})" if self.kind is InvalidKind.CUSTOM else name
        return f"Invalid::{text}" + (f": {self.reason}" if self.reason else "")


@dataclass(frozen=True, slots=True)
class UnknownTransaction:
    """``TransactionValidityError::Unknown``: validity cannot be determined (yet).

    ``custom`` is the u8 of ``Custom(u8)``; ``reason`` is a non-encoded explanation."""

    kind: UnknownKind
    custom: int = 0
    reason: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", UnknownKind(self.kind))
        _check_custom(self.kind is UnknownKind.CUSTOM, self.custom)

    def __str__(self) -> str:
        name = _rust_name(self.kind)
        text = f"{name}({self.custom})" if self.kind is UnknownKind.CUSTOM else name
        return f"Unknown::{text}" + (f": {self.reason}" if self.reason else "")


TransactionValidityError = InvalidTransaction | UnknownTransaction
"""A refusal: ``Invalid(InvalidTransaction)`` or ``Unknown(UnknownTransaction)``."""


def _check_u64(name: str, value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= U64_MAX:
        raise ValidityCodecError(f"{name} must be a u64, got {value!r}")


@dataclass(frozen=True, slots=True)
class ValidTransaction:
    """A transaction the runtime accepts, with its ordering data. The defaults are Substrate's
    ``ValidTransaction::default()``: priority 0, no tags, longevity ``u64::MAX``, propagate."""

    priority: int = 0
    requires: tuple[bytes, ...] = ()
    provides: tuple[bytes, ...] = ()
    longevity: int = U64_MAX
    propagate: bool = True

    def __post_init__(self) -> None:
        _check_u64("priority", self.priority)
        _check_u64("longevity", self.longevity)
        for name in ("requires", "provides"):
            tags = getattr(self, name)
            if not isinstance(tags, tuple) or not all(isinstance(t, bytes) for t in tags):
                raise ValidityCodecError(f"{name} must be a tuple of bytes tags")

    def combine_with(self, other: ValidTransaction) -> ValidTransaction:
        """Substrate's ``combine_with``: priorities add (saturating at u64), requires and provides
        concatenate (self first), longevity is the minimum, propagate is the logical and."""
        return ValidTransaction(
            priority=min(self.priority + other.priority, U64_MAX),
            requires=self.requires + other.requires,
            provides=self.provides + other.provides,
            longevity=min(self.longevity, other.longevity),
            propagate=self.propagate and other.propagate,
        )


TransactionValidity = ValidTransaction | InvalidTransaction | UnknownTransaction
"""``Result<ValidTransaction, TransactionValidityError>`` as a Python value."""


def combine_validities(validities: Iterable[ValidTransaction]) -> ValidTransaction:
    """Fold ``combine_with`` over ``validities`` in order, starting from the default."""
    combined = ValidTransaction()
    for validity in validities:
        combined = combined.combine_with(validity)
    return combined


# -- SCALE type objects -----------------------------------------------------------------------

INVALID_TRANSACTION = Enum("InvalidTransaction", [
    (_rust_name(kind), [(None, U8, "u8")] if kind is InvalidKind.CUSTOM else [])
    for kind in InvalidKind
], path=(*_PATH, "InvalidTransaction"))
UNKNOWN_TRANSACTION = Enum("UnknownTransaction", [
    (_rust_name(kind), [(None, U8, "u8")] if kind is UnknownKind.CUSTOM else [])
    for kind in UnknownKind
], path=(*_PATH, "UnknownTransaction"))
TRANSACTION_VALIDITY_ERROR = Enum("TransactionValidityError", [
    ("Invalid", [(None, INVALID_TRANSACTION, "InvalidTransaction")]),
    ("Unknown", [(None, UNKNOWN_TRANSACTION, "UnknownTransaction")]),
], path=(*_PATH, "TransactionValidityError"))
VALID_TRANSACTION = Struct("ValidTransaction", [
    ("priority", U64, "TransactionPriority"),
    ("requires", Vec(Bytes), "Vec<TransactionTag>"),
    ("provides", Vec(Bytes), "Vec<TransactionTag>"),
    ("longevity", U64, "TransactionLongevity"),
    ("propagate", Bool, "bool"),
], path=(*_PATH, "ValidTransaction"))
TRANSACTION_VALIDITY = Result(VALID_TRANSACTION, TRANSACTION_VALIDITY_ERROR)
TRANSACTION_SOURCE = Enum("TransactionSource", [
    ("InBlock", []), ("Local", []), ("External", []),
], path=(*_PATH, "TransactionSource"))

_INVALID_BY_NAME = {_rust_name(kind): kind for kind in InvalidKind}
_UNKNOWN_BY_NAME = {_rust_name(kind): kind for kind in UnknownKind}


def error_to_scale_value(error: TransactionValidityError) -> EnumValue:
    """The ``TransactionValidityError`` value for the SCALE type objects above."""
    if isinstance(error, InvalidTransaction):
        custom = error.custom if error.kind is InvalidKind.CUSTOM else None
        return EnumValue("Invalid", EnumValue(_rust_name(error.kind), custom))
    if isinstance(error, UnknownTransaction):
        custom = error.custom if error.kind is UnknownKind.CUSTOM else None
        return EnumValue("Unknown", EnumValue(_rust_name(error.kind), custom))
    raise ValidityCodecError(f"not a transaction validity error: {error!r}")


def error_from_scale_value(value: EnumValue) -> TransactionValidityError:
    """The inverse of :func:`error_to_scale_value`."""
    inner = value.value
    if value.variant == "Invalid":
        return InvalidTransaction(_INVALID_BY_NAME[inner.variant], inner.value or 0)
    return UnknownTransaction(_UNKNOWN_BY_NAME[inner.variant], inner.value or 0)


def encode_transaction_validity(validity: TransactionValidity) -> bytes:
    """SCALE ``Result<ValidTransaction, TransactionValidityError>`` of ``validity``."""
    try:
        if isinstance(validity, ValidTransaction):
            return TRANSACTION_VALIDITY.encode(EnumValue("Ok", {
                "priority": validity.priority, "requires": list(validity.requires),
                "provides": list(validity.provides), "longevity": validity.longevity,
                "propagate": validity.propagate}))
        return TRANSACTION_VALIDITY.encode(EnumValue("Err", error_to_scale_value(validity)))
    except EncodeError as exc:
        raise ValidityCodecError(f"cannot encode {validity!r}: {exc}") from exc


def decode_transaction_validity(data: bytes) -> TransactionValidity:
    """Decode a SCALE ``TransactionValidity``; every byte must be consumed."""
    try:
        outcome = TRANSACTION_VALIDITY.decode(data)
    except DecodeError as exc:
        raise ValidityCodecError(f"not a TransactionValidity: {exc}") from exc
    if outcome.variant == "Err":
        return error_from_scale_value(outcome.value)
    ok = outcome.value
    return ValidTransaction(ok.priority, tuple(ok.requires), tuple(ok.provides), ok.longevity,
                            ok.propagate)


def decode_transaction_source(data: bytes) -> TransactionSource:
    """Decode a one-byte SCALE ``TransactionSource``."""
    if len(data) != 1 or data[0] > max(TransactionSource):
        raise ValidityCodecError(f"not a TransactionSource: 0x{bytes(data).hex()}")
    return TransactionSource(data[0])
