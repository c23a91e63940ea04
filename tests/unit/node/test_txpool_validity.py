"""Validity types, their SCALE codec, RPC strings and the pool errors' JSON-RPC shapes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as hs

from node.txpool import (
    AlreadyImported,
    CycleDetected,
    ImmediatelyDropped,
    InvalidKind,
    InvalidTransaction,
    InvalidTransactionError,
    NoTagsProvided,
    TemporarilyBanned,
    TooLowPriority,
    TransactionSource,
    UnknownKind,
    UnknownTransaction,
    UnknownTransactionError,
    ValidTransaction,
    decode_validity,
    encode_validity,
)
from node.txpool.validity import ValidityDecodeError, ValidityValueError, decode_source


def test_invalid_kind_indices_match_substrate_order() -> None:
    names = ["CALL", "PAYMENT", "FUTURE", "STALE", "BAD_PROOF", "ANCIENT_BIRTH_BLOCK",
             "EXHAUSTS_RESOURCES", "CUSTOM", "BAD_MANDATORY", "MANDATORY_VALIDATION", "BAD_SIGNER",
             "INDETERMINATE_IMPLICIT", "UNKNOWN_ORIGIN"]
    assert [k.name for k in sorted(InvalidKind)] == names
    assert [int(k) for k in sorted(InvalidKind)] == list(range(13))


def test_unknown_kind_and_source_indices_match_substrate() -> None:
    assert (UnknownKind.CANNOT_LOOKUP, UnknownKind.NO_UNSIGNED_VALIDATOR, UnknownKind.CUSTOM) == (
        0, 1, 2)
    assert (TransactionSource.IN_BLOCK, TransactionSource.LOCAL, TransactionSource.EXTERNAL) == (
        0, 1, 2)
    assert decode_source(b"\x02") is TransactionSource.EXTERNAL


def test_valid_transaction_encoding_matches_hand_layout() -> None:
    validity = ValidTransaction(priority=5, requires=(b"\xaa",), provides=(b"\xbb\xcc", b""),
                                longevity=64, propagate=True)
    expected = bytes.fromhex("00" "0500000000000000" "04" "04aa" "08" "08bbcc" "00"
                             "4000000000000000" "01")
    assert encode_validity(validity) == expected
    assert decode_validity(expected) == validity


@pytest.mark.parametrize(("validity", "hex_bytes"), [
    (InvalidTransaction(InvalidKind.STALE), "010003"),
    (InvalidTransaction(InvalidKind.CUSTOM, 3), "01000703"),
    (InvalidTransaction(InvalidKind.BAD_SIGNER), "01000a"),
    (UnknownTransaction(UnknownKind.CANNOT_LOOKUP), "010100"),
    (UnknownTransaction(UnknownKind.CUSTOM, 255), "010102ff"),
], ids=["stale", "custom3", "bad-signer", "cannot-lookup", "unknown-custom"])
def test_error_validity_encoding_roundtrips(validity: object, hex_bytes: str) -> None:
    assert encode_validity(validity).hex() == hex_bytes  # type: ignore[arg-type]
    assert decode_validity(bytes.fromhex(hex_bytes)) == validity


@pytest.mark.parametrize(("kind", "custom", "data"), [
    (InvalidKind.STALE, 0, "Transaction is outdated"),
    (InvalidKind.BAD_PROOF, 0, "Transaction has a bad signature"),
    (InvalidKind.PAYMENT, 0, "Inability to pay some fees (e.g. account balance too low)"),
    (InvalidKind.FUTURE, 0, "Transaction will be valid in the future"),
    (InvalidKind.ANCIENT_BIRTH_BLOCK, 0, "Transaction has an ancient birth block"),
    (InvalidKind.EXHAUSTS_RESOURCES, 0, "Transaction would exhaust the block limits"),
    (InvalidKind.CALL, 0, "Transaction call is not expected"),
    (InvalidKind.BAD_SIGNER, 0, "Invalid signing address"),
    (InvalidKind.CUSTOM, 3, "Custom error: 3"),
], ids=lambda v: str(v))
def test_invalid_transaction_rpc_error_carries_substrate_string(kind: InvalidKind, custom: int,
                                                                data: str) -> None:
    error = InvalidTransactionError(InvalidTransaction(kind, custom)).to_rpc_error()
    assert error == {"code": 1010, "message": "Invalid Transaction", "data": data}


def test_unknown_transaction_rpc_error_uses_debug_form() -> None:
    assert UnknownTransactionError(UnknownTransaction(UnknownKind.CUSTOM, 9)).to_rpc_error() == {
        "code": 1011, "message": "Unknown Transaction Validity", "data": "Custom(9)"}
    assert UnknownTransactionError(
        UnknownTransaction(UnknownKind.NO_UNSIGNED_VALIDATOR)).to_rpc_error()["data"] == (
        "NoUnsignedValidator")


def test_pool_errors_use_substrate_codes_and_messages() -> None:
    assert TemporarilyBanned().to_rpc_error() == {
        "code": 1012, "message": "Transaction is temporarily banned"}
    assert AlreadyImported(b"\x01" * 32).to_rpc_error() == {
        "code": 1013, "message": "Transaction Already Imported", "data": "Any { .. }"}
    assert TooLowPriority(5, 3).to_rpc_error() == {
        "code": 1014, "message": "Priority is too low: (5 vs 3)",
        "data": "The transaction has too low priority to replace another transaction already in "
                "the pool."}
    assert CycleDetected().to_rpc_error() == {"code": 1015, "message": "Cycle Detected"}
    assert ImmediatelyDropped().to_rpc_error()["code"] == 1016
    assert NoTagsProvided().to_rpc_error()["code"] == 1019


def test_custom_code_out_of_range_fails() -> None:
    with pytest.raises(ValidityValueError):
        InvalidTransaction(InvalidKind.CUSTOM, 256)
    with pytest.raises(ValidityValueError):
        InvalidTransaction(InvalidKind.STALE, 1)


def test_priority_beyond_u64_fails() -> None:
    with pytest.raises(ValidityValueError):
        ValidTransaction(priority=1 << 64)


@pytest.mark.parametrize("hex_bytes", ["", "02", "0100", "01000d", "010103", "0100070000",
                                       "00" + "00" * 8 + "00" + "00", "01"],
                         ids=["empty", "bad-result", "short", "bad-invalid", "bad-unknown",
                              "trailing", "truncated-valid", "no-error"])
def test_decode_malformed_validity_fails(hex_bytes: str) -> None:
    with pytest.raises(ValidityDecodeError):
        decode_validity(bytes.fromhex(hex_bytes))


_tags = hs.lists(hs.binary(max_size=80), max_size=5).map(tuple)


@given(priority=hs.integers(0, (1 << 64) - 1), requires=_tags, provides=_tags,
       longevity=hs.integers(0, (1 << 64) - 1), propagate=hs.booleans())
def test_valid_transaction_roundtrip_is_identity(priority: int, requires: tuple[bytes, ...],
                                                 provides: tuple[bytes, ...], longevity: int,
                                                 propagate: bool) -> None:
    validity = ValidTransaction(priority, requires, provides, longevity, propagate)
    assert decode_validity(encode_validity(validity)) == validity


def test_validate_args_are_source_extrinsic_and_block_hash() -> None:
    from node.txpool.validity import encode_validate_args

    args = encode_validate_args(TransactionSource.EXTERNAL, b"\x08\x04\x00", b"\x11" * 32)
    assert args == b"\x02" + b"\x08\x04\x00" + b"\x11" * 32
    with pytest.raises(ValidityValueError):
        encode_validate_args(TransactionSource.LOCAL, b"", b"\x11")
