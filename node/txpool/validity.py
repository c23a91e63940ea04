"""The pool's view of transaction validity, built on the runtime's types and codec.

The values (``ValidTransaction``, ``InvalidTransaction``, ``UnknownTransaction``, the kinds and
``TransactionSource``) and the SCALE codec of ``TransactionValidity`` are the runtime's
(``runtime.extrinsic.validity``): the node decodes what
``TaggedTransactionQueue_validate_transaction`` returns with the very code that encoded it.
This module adds what only the pool and its RPC need:

- the human-readable strings Substrate's author RPC puts in an error's ``data``
  (:func:`rpc_data`) and the Rust ``Debug`` rendering of a refusal (:func:`debug_name`);
- :func:`encode_validate_args`, the ``state_call`` argument bytes of the validate runtime API;
- the names the pool has always exported (``Validity``, ``Tag``, ``encode_validity``,
  ``decode_validity``, ``decode_source`` and the two error names), as aliases of the runtime's.
"""

from __future__ import annotations

from runtime.extrinsic.validity import (
    U64_MAX,
    InvalidKind,
    InvalidTransaction,
    TransactionSource,
    TransactionValidity,
    TransactionValidityError,
    UnknownKind,
    UnknownTransaction,
    ValidityCodecError,
    ValidTransaction,
    decode_transaction_source,
    decode_transaction_validity,
    encode_transaction_validity,
)

__all__ = [
    "INVALID_MESSAGES",
    "U64_MAX",
    "UNKNOWN_MESSAGES",
    "InvalidKind",
    "InvalidTransaction",
    "Tag",
    "TransactionSource",
    "UnknownKind",
    "UnknownTransaction",
    "ValidTransaction",
    "Validity",
    "ValidityDecodeError",
    "ValidityValueError",
    "debug_name",
    "decode_source",
    "decode_validity",
    "encode_validate_args",
    "encode_validity",
    "message",
    "rpc_data",
]

Tag = bytes
"""A transaction tag: opaque runtime bytes (CheckNonce uses SCALE ``(AccountId, Nonce)``)."""

Validity = TransactionValidity
"""What a validator returns: the decoded ``TransactionValidity``."""

ValidityDecodeError = ValidityCodecError
"""Raised for bytes that are not a SCALE ``TransactionValidity`` / ``TransactionSource``."""

ValidityValueError = ValidityCodecError
"""Raised for a validity value outside its Rust types' ranges (or bad validate arguments)."""

encode_validity = encode_transaction_validity
decode_validity = decode_transaction_validity
decode_source = decode_transaction_source

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

# The same for ``From<UnknownTransaction> for &'static str``.
UNKNOWN_MESSAGES: dict[UnknownKind, str] = {
    UnknownKind.CANNOT_LOOKUP: "Could not lookup information required to validate the transaction",
    UnknownKind.NO_UNSIGNED_VALIDATOR:
        "Could not find an unsigned validator for the unsigned transaction",
    UnknownKind.CUSTOM: "UnknownTransaction custom error",
}


def message(error: TransactionValidityError) -> str:
    """Substrate's ``&'static str`` for the refusal's variant."""
    if isinstance(error, InvalidTransaction):
        return INVALID_MESSAGES[error.kind]
    return UNKNOWN_MESSAGES[error.kind]


def debug_name(error: TransactionValidityError) -> str:
    """The Rust ``Debug`` rendering of the inner variant, e.g. ``Stale`` or ``Custom(3)``."""
    name = "".join(part.capitalize() for part in error.kind.name.split("_"))
    custom = error.kind is (InvalidKind.CUSTOM if isinstance(error, InvalidTransaction)
                            else UnknownKind.CUSTOM)
    return f"{name}({error.custom})" if custom else name


def rpc_data(error: TransactionValidityError) -> str:
    """The ``data`` string of the author RPC's error: 1010 carries the invalid variant's message
    (``Custom error: N`` for Custom), 1011 the unknown variant's ``Debug`` form."""
    if isinstance(error, InvalidTransaction):
        if error.kind is InvalidKind.CUSTOM:
            return f"Custom error: {error.custom}"
        return message(error)
    return debug_name(error)


def encode_validate_args(source: TransactionSource, extrinsic: bytes, block_hash: bytes) -> bytes:
    """The ``state_call`` argument bytes of ``TaggedTransactionQueue_validate_transaction``
    (API version 3): ``source u8 ‖ extrinsic (already length-prefixed) ‖ block_hash [u8; 32]``."""
    if len(block_hash) != 32:
        raise ValidityValueError(f"block hash must be 32 bytes, got {len(block_hash)}")
    return bytes([TransactionSource(source)]) + bytes(extrinsic) + bytes(block_hash)
