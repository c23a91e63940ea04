"""The runtime's TransactionValidity values: Substrate's indices, the combination rule, codec round
trips, and the pool's use of them (``node/txpool/validity.py``: same values, RPC strings)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from node.txpool import validity as pool
from runtime.extrinsic.validity import (
    INVALID_TRANSACTION,
    TRANSACTION_VALIDITY,
    U64_MAX,
    InvalidKind,
    InvalidTransaction,
    TransactionSource,
    TransactionValidity,
    UnknownKind,
    UnknownTransaction,
    ValidityCodecError,
    ValidTransaction,
    combine_validities,
    decode_transaction_source,
    decode_transaction_validity,
    encode_transaction_validity,
)


@pytest.mark.parametrize("value,hex_bytes", [
    (InvalidTransaction(InvalidKind.BAD_PROOF), "010004"),
    (InvalidTransaction(InvalidKind.ANCIENT_BIRTH_BLOCK), "010005"),
    (InvalidTransaction(InvalidKind.CUSTOM, 9), "01000709"),
    (InvalidTransaction(InvalidKind.UNKNOWN_ORIGIN), "01000c"),
    (UnknownTransaction(UnknownKind.CANNOT_LOOKUP), "010100"),
    (UnknownTransaction(UnknownKind.CUSTOM, 255), "010102ff"),
    (ValidTransaction(1, (b"\x01",), (b"\x02\x03",), 64, False),
     "00" "0100000000000000" "04" "0401" "04" "080203" "4000000000000000" "00"),
])
def test_encodings_use_substrates_indices(value: TransactionValidity, hex_bytes: str) -> None:
    assert encode_transaction_validity(value).hex() == hex_bytes
    assert decode_transaction_validity(bytes.fromhex(hex_bytes)) == value


def test_type_objects_carry_scale_info_paths() -> None:
    assert INVALID_TRANSACTION.path == ("sp_runtime", "transaction_validity", "InvalidTransaction")
    assert [v.name for v in INVALID_TRANSACTION.type_def().variants][7] == "Custom"


def test_the_default_is_substrates_default() -> None:
    assert ValidTransaction() == ValidTransaction(0, (), (), U64_MAX, True)


def test_combination_adds_priorities_concatenates_tags_takes_min_longevity() -> None:
    one = ValidTransaction(5, (b"a",), (b"b",), 100, True)
    two = ValidTransaction(U64_MAX, (b"c",), (b"d",), 50, False)
    assert one.combine_with(two) == ValidTransaction(U64_MAX, (b"a", b"c"), (b"b", b"d"), 50,
                                                     False)
    assert combine_validities([one, one]) == ValidTransaction(10, (b"a", b"a"), (b"b", b"b"),
                                                              100, True)


def test_out_of_range_values_are_refused() -> None:
    with pytest.raises(ValidityCodecError):
        ValidTransaction(priority=U64_MAX + 1)
    with pytest.raises(ValidityCodecError):
        InvalidTransaction(InvalidKind.CUSTOM, 256)
    with pytest.raises(ValidityCodecError):
        InvalidTransaction(InvalidKind.STALE, 1)
    with pytest.raises(ValidityCodecError):
        decode_transaction_validity(b"\x01\x00\x0d")
    with pytest.raises(ValidityCodecError):
        decode_transaction_validity(b"\x01\x00\x04\x00")


def test_reason_is_not_encoded_nor_compared() -> None:
    plain = InvalidTransaction(InvalidKind.STALE)
    explained = InvalidTransaction(InvalidKind.STALE, reason="nonce 1 is below 2")
    assert plain == explained
    assert encode_transaction_validity(plain) == encode_transaction_validity(explained)
    assert str(explained) == "Invalid::Stale: nonce 1 is below 2"


def test_transaction_source_decodes() -> None:
    assert decode_transaction_source(b"\x02") is TransactionSource.EXTERNAL
    with pytest.raises(ValidityCodecError):
        decode_transaction_source(b"\x03")


tags = st.lists(st.binary(max_size=40), max_size=3).map(tuple)
u64 = st.integers(0, U64_MAX)
validities = st.one_of(
    st.builds(ValidTransaction, u64, tags, tags, u64, st.booleans()),
    st.sampled_from(list(InvalidKind)).flatmap(lambda kind: st.builds(
        InvalidTransaction, st.just(kind),
        st.integers(0, 255) if kind is InvalidKind.CUSTOM else st.just(0))),
    st.sampled_from(list(UnknownKind)).flatmap(lambda kind: st.builds(
        UnknownTransaction, st.just(kind),
        st.integers(0, 255) if kind is UnknownKind.CUSTOM else st.just(0))),
)


def test_pool_uses_the_runtime_values_and_codec() -> None:
    assert (pool.ValidTransaction, pool.InvalidTransaction, pool.UnknownTransaction) == (
        ValidTransaction, InvalidTransaction, UnknownTransaction)
    assert (pool.InvalidKind, pool.UnknownKind, pool.TransactionSource) == (
        InvalidKind, UnknownKind, TransactionSource)
    assert pool.encode_validity is encode_transaction_validity
    assert pool.decode_validity is decode_transaction_validity
    assert pool.ValidityDecodeError is ValidityCodecError


@pytest.mark.parametrize("kind", list(InvalidKind))
def test_every_invalid_kind_has_an_rpc_string(kind: InvalidKind) -> None:
    error = InvalidTransaction(kind, 4 if kind is InvalidKind.CUSTOM else 0)
    expected = "Custom error: 4" if kind is InvalidKind.CUSTOM else pool.INVALID_MESSAGES[kind]
    assert pool.rpc_data(error) == expected
    assert pool.debug_name(error) == str(error).removeprefix("Invalid::")


@pytest.mark.parametrize("kind", list(UnknownKind))
def test_every_unknown_kind_rpc_string_is_its_debug_form(kind: UnknownKind) -> None:
    error = UnknownTransaction(kind, 7 if kind is UnknownKind.CUSTOM else 0)
    assert pool.rpc_data(error) == str(error).removeprefix("Unknown::")
    assert pool.message(error) == pool.UNKNOWN_MESSAGES[kind]


@settings(max_examples=300, deadline=None)
@given(validities)
def test_codec_round_trips_every_value(value: TransactionValidity) -> None:
    encoded = encode_transaction_validity(value)
    assert decode_transaction_validity(encoded) == value
    assert TRANSACTION_VALIDITY.encode(TRANSACTION_VALIDITY.decode(encoded)) == encoded


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=60))
def test_any_bytes_decode_and_reencode_or_raise_the_codec_error(raw: bytes) -> None:
    try:
        value = decode_transaction_validity(raw)
    except ValidityCodecError:
        return
    assert encode_transaction_validity(value) == raw
