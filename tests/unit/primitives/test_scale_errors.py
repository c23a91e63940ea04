"""Strict decoding and encoding errors of the SCALE codec: the right exception, type and offset."""

from __future__ import annotations

from typing import Any

import pytest

from runtime.primitives.scale import (
    I128,
    U8,
    U16,
    U32,
    U64,
    U128,
    Array,
    Bool,
    BTreeMap,
    BTreeSet,
    Bytes,
    Compact,
    DecodeError,
    EncodeError,
    Enum,
    Lazy,
    Option,
    Some,
    Str,
    Struct,
    Tuple,
    TypeDefinitionError,
    Vec,
    encode_compact,
)

ACCOUNT_DATA = Struct("AccountData", [("free", U64), ("reserved", U64), ("frozen", U64),
                                      ("flags", U128)])
MIXED = Struct("Mixed", [("a", U32), ("key", Array(U8, 4)), ("name", Str), ("b", I128),
                         ("data", ACCOUNT_DATA), ("flag", Bool)])
KIND = Enum("Kind", [("Unit", None), ("Pair", [("x", U8), ("y", U16)]), ("Big", U64, 9)])


@pytest.mark.parametrize(("scale_type", "data", "offset"), [
    (U32, b"\x01\x02", 0),
    (U128, b"\x00" * 15, 0),
    (Bool, b"", 0),
    (Compact(U32), b"\x01", 0),
    (Compact(U64), b"\x03\x00\x00", 0),
    (Str, b"\x08a", 0),
    (Bytes, b"\x0c\x01\x02", 0),
    (Array(U8, 32), b"\x00" * 31, 0),
    (Vec(U32), b"\x08\x01\x00\x00\x00", 0),
    (Tuple(U8, U32), b"\x01\x02", 0),
    (MIXED, b"\x01\x00\x00\x00", 0),
    (KIND, b"\x01\x05", 1),
    (KIND, b"", 0),
    (Option(U64), b"\x01\x00", 1),
])
def test_truncated_input_is_decode_error_with_offset(scale_type: Any, data: bytes,
                                                     offset: int) -> None:
    with pytest.raises(DecodeError) as info:
        scale_type.decode(data)
    assert info.value.offset == offset
    assert f"at byte {offset}" in str(info.value)


def test_decode_error_names_the_type() -> None:
    with pytest.raises(DecodeError, match=r"cannot decode u32 at byte 0"):
        U32.decode(b"\x00")
    with pytest.raises(DecodeError, match="AccountData"):
        ACCOUNT_DATA.decode(b"\x00" * 10)


def test_trailing_bytes_are_decode_error() -> None:
    with pytest.raises(DecodeError, match="1 trailing byte") as info:
        U16.decode(b"\x01\x00\x00")
    assert info.value.offset == 2


def test_decode_from_reports_absolute_offset() -> None:
    with pytest.raises(DecodeError) as info:
        U32.decode_from(b"\x00\x00\x00\x00\x00", 3)
    assert info.value.offset == 3


@pytest.mark.parametrize(("scale_type", "data", "needle"), [
    (Bool, b"\x02", "invalid bool byte 0x02"),
    (Option(U8), b"\x02\x00", "invalid option tag 0x02"),
    (Option(Bool), b"\x03", "invalid Option<bool> byte 0x03"),
    (KIND, b"\x05", "unknown variant index 5"),
    (Str, b"\x08\xc3\x28", "invalid UTF-8"),
    (Compact(U8), b"\x01\x04", "exceeds 255"),
    (Compact(U32), b"\x07\x00\x00\x00\x00\x01", "exceeds 4294967295"),
    (Compact(U64), b"\x01\x00", "non-canonical"),
])
def test_invalid_byte_is_decode_error(scale_type: Any, data: bytes, needle: str) -> None:
    with pytest.raises(DecodeError, match=needle):
        scale_type.decode(data)


def test_invalid_utf8_offset_points_at_the_bad_byte() -> None:
    with pytest.raises(DecodeError) as info:
        Str.decode(b"\x0cab\xff")
    assert info.value.offset == 3


def test_huge_length_prefix_is_rejected_before_allocating() -> None:
    data = encode_compact(1 << 60) + b"\x00" * 8
    for scale_type in (Vec(U64), Bytes, Str, Vec(Str), BTreeMap(U32, U32), BTreeSet(U8)):
        with pytest.raises(DecodeError, match="length prefix"):
            scale_type.decode(data)


@pytest.mark.parametrize(("scale_type", "value", "needle"), [
    (U32, -1, "-1 is outside 0..4294967295"),
    (U64, 2**64, "outside"),
    (U8, "1", "expected an integer"),
    (U128, 2**128, "outside"),
    (I128, -(2**127) - 1, "outside"),
    (Array(U8, 32), b"\x00" * 31, "expected 32 bytes, got 31"),
    (Array(U16, 2), [1], "expected 2 items"),
    (Bool, 1, "expected True or False"),
    (Str, b"abc", "expected str"),
    (Bytes, "abc", "expected bytes"),
    (Vec(U16), [1, 70000], "70000 is outside"),
    (Vec(U16), b"\x01\x02", "expected a list"),
    (Compact(U8), 256, "exceeds 255"),
    (Compact(U64), -1, "negative"),
    (KIND, ("Nope", None), "unknown variant 'Nope'"),
    (KIND, ("Unit", 3), "takes no payload"),
    (KIND, 5, "expected (variant, payload)"),
    (Option(Option(U32)), 5, "wrap present values in Some"),
    (BTreeSet(U32), [1, 1], "duplicate key 1"),
    (BTreeMap(U32, U8), [(1, 2), (1, 3)], "duplicate key 1"),
    (Tuple(U8, U8), (1,), "expected a 2-tuple"),
])
def test_value_that_does_not_fit_is_encode_error(scale_type: Any, value: Any,
                                                 needle: str) -> None:
    with pytest.raises(EncodeError) as info:
        scale_type.encode(value)
    assert needle in str(info.value)


def test_struct_encode_error_names_the_nested_field() -> None:
    value = {"free": 1, "reserved": -5, "frozen": 0, "flags": 0}
    with pytest.raises(EncodeError, match=r"AccountData: field reserved: .*u64: -5 is outside"):
        ACCOUNT_DATA.encode(value)


def test_struct_with_fixed_byte_array_never_pads_short_values() -> None:
    good = {"a": 1, "key": b"abcd", "name": "n", "b": -1,
            "data": (1, 2, 3, 4), "flag": True}
    assert MIXED.decode(MIXED.encode(good))._asdict()["key"] == b"abcd"
    with pytest.raises(EncodeError, match="field key"):
        MIXED.encode({**good, "key": b"abc"})
    with pytest.raises(EncodeError, match="field key"):
        MIXED.encode({**good, "key": b"abcde"})


@pytest.mark.parametrize("value", [
    {"free": 1, "reserved": 2, "frozen": 3},
    {"free": 1, "reserved": 2, "frozen": 3, "flags": 4, "extra": 5},
    (1, 2, 3),
    object(),
])
def test_struct_with_wrong_fields_is_encode_error(value: Any) -> None:
    with pytest.raises(EncodeError, match="AccountData"):
        ACCOUNT_DATA.encode(value)


def test_struct_u128_field_out_of_range_is_encode_error() -> None:
    with pytest.raises(EncodeError, match="flags"):
        ACCOUNT_DATA.encode((0, 0, 0, 2**128))
    with pytest.raises(EncodeError, match="flags"):
        ACCOUNT_DATA.encode((0, 0, 0, -1))


def test_lazy_recursion_depth_is_limited() -> None:
    nested = Enum("Nested", [("Leaf", None), ("Node", Lazy("Nested", lambda: nested,
                                                           max_depth=8))])
    deep = b"\x01" * 7 + b"\x00"
    value = nested.decode(deep)
    assert nested.encode(value) == deep
    with pytest.raises(DecodeError, match="nested deeper than 8"):
        nested.decode(b"\x01" * 9 + b"\x00")
    reference = nested.payload_type("Node").fields[0].type
    assert reference.registry_key() == nested.registry_key()


@pytest.mark.parametrize("declare", [
    lambda: Enum("Dup", [("A", None, 1), ("B", None, 1)]),
    lambda: Enum("Dup", ["A", "A"]),
    lambda: Enum("Big", [("A", None, 256)]),
    lambda: Struct("Mixed", [("a", U8), (None, U8)]),
    lambda: Struct("Dup", [("a", U8), ("a", U8)]),
    lambda: Compact(Str),
    lambda: BTreeMap(Vec(U16), U8),
    lambda: Array(U8, -1),
])
def test_inconsistent_declaration_is_type_definition_error(declare: Any) -> None:
    with pytest.raises(TypeDefinitionError):
        declare()


def test_some_wrapper_accepted_for_plain_option() -> None:
    assert Option(U8).encode(Some(3)) == b"\x01\x03"
