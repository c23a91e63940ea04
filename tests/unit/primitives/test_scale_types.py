"""Behaviour of the SCALE type objects: value forms, structs and enums, maps, options, metadata
descriptors."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from runtime.primitives.era import ERA
from runtime.primitives.scale import (
    I128,
    U8,
    U16,
    U32,
    U64,
    U128,
    Array,
    ArrayDef,
    Bool,
    BTreeMap,
    BTreeSet,
    Bytes,
    Compact,
    CompactDef,
    CompositeDef,
    DecodeError,
    EncodeError,
    Enum,
    EnumValue,
    Field,
    Option,
    PrimitiveDef,
    Record,
    Result,
    SequenceDef,
    Some,
    Str,
    Struct,
    Tuple,
    TupleDef,
    TypeDefinitionError,
    TypeParam,
    Unit,
    VariantDef,
    Vec,
)
from runtime.primitives.scale.common import H256, MultiAddress, Perbill, Weight

ACCOUNT_DATA = Struct("AccountData", [("free", U64, "Balance"), ("reserved", U64, "Balance"),
                                      ("frozen", U64, "Balance"), ("flags", U128, "ExtraFlags")],
                      path=("pallet_balances", "types", "AccountData"),
                      params=(TypeParam("Balance", U64),))
ACCOUNT_INFO = Struct("AccountInfo", [("nonce", U32, "Nonce"), ("consumers", U32, "RefCount"),
                                      ("providers", U32, "RefCount"),
                                      ("sufficients", U32, "RefCount"),
                                      ("data", ACCOUNT_DATA, "AccountData")],
                      path=("frame_system", "AccountInfo"))
TRANSFER_EVENT = Enum("Event", [
    ("Endowed", [("account", Array(U8, 32)), ("free_balance", U64)]),
    ("Transfer", [("from", Array(U8, 32)), ("to", Array(U8, 32)), ("amount", U64)], 2),
    ("Slashed", U64, 7),
], path=("pallet_balances", "pallet", "Event"))


def test_account_info_is_56_bytes_and_default_flags_roundtrip() -> None:
    value = {"nonce": 0, "consumers": 0, "providers": 1, "sufficients": 0,
             "data": {"free": 10**9, "reserved": 0, "frozen": 0, "flags": 1 << 127}}
    encoded = ACCOUNT_INFO.encode(value)
    assert len(encoded) == 56 == ACCOUNT_INFO.fixed_size
    decoded = ACCOUNT_INFO.decode(encoded)
    assert decoded.data.flags == 1 << 127 and decoded.providers == 1
    assert ACCOUNT_INFO.encode(decoded) == encoded
    assert decoded._asdict()["data"] == ACCOUNT_DATA.decode(encoded[16:])


def test_struct_accepts_record_mapping_tuple_and_attributes() -> None:
    record = ACCOUNT_DATA.value_class(1, 2, 3, 4)
    expected = ACCOUNT_DATA.encode(record)

    @dataclass(frozen=True)
    class Plain:
        free: int
        reserved: int
        frozen: int
        flags: int

    assert ACCOUNT_DATA.encode({"free": 1, "reserved": 2, "frozen": 3, "flags": 4}) == expected
    assert ACCOUNT_DATA.encode((1, 2, 3, 4)) == expected
    assert ACCOUNT_DATA.encode(Plain(1, 2, 3, 4)) == expected


def test_record_supports_keywords_replace_and_keyword_field_names() -> None:
    cls = ACCOUNT_DATA.value_class
    record = cls(free=1, reserved=2, frozen=3, flags=4)
    assert isinstance(record, Record) and record == (1, 2, 3, 4)
    assert record._replace(free=9).free == 9
    assert repr(record) == "AccountData(free=1, reserved=2, frozen=3, flags=4)"
    with pytest.raises(TypeError):
        cls(1, 2)
    value = ("Transfer", {"from": b"\x01" * 32, "to": b"\x02" * 32, "amount": 5})
    decoded = TRANSFER_EVENT.decode(TRANSFER_EVENT.encode(value))
    assert decoded.variant == "Transfer" and getattr(decoded.value, "from") == b"\x01" * 32


def test_custom_value_class_is_used_for_decoding() -> None:
    @dataclass(frozen=True, slots=True)
    class Point:
        x: int
        y: int

    point_type = Struct("Point", [("x", I128), ("y", U16)], value_class=Point)
    encoded = point_type.encode(Point(-5, 7))
    assert point_type.decode(encoded) == Point(-5, 7)
    assert len(encoded) == 18


def test_newtype_struct_is_transparent_and_tuple_struct_is_a_tuple() -> None:
    assert H256.decode(b"\x11" * 32) == b"\x11" * 32
    assert Perbill.encode(500_000_000) == (500_000_000).to_bytes(4, "little")
    pair = Struct("Pair", [(None, U8), (None, Bool)])
    assert pair.decode(b"\x07\x01") == (7, True)
    assert Struct("Empty", []).decode(b"") is None


def test_enum_with_sparse_indices_uses_declared_index() -> None:
    assert TRANSFER_EVENT.encode(("Slashed", 1))[0] == 7
    assert TRANSFER_EVENT.decode(b"\x07" + (1).to_bytes(8, "little")) == ("Slashed", 1)
    assert TRANSFER_EVENT.encode({"Slashed": 1}) == TRANSFER_EVENT.encode(EnumValue("Slashed", 1))
    indices = [v.index for v in TRANSFER_EVENT.type_def().variants]
    assert indices == [0, 2, 7]


def test_unit_variant_accepts_bare_name_and_decodes_to_enum_value() -> None:
    kind = Enum("Phase", ["Initialization", ("ApplyExtrinsic", U32), "Finalization"])
    assert kind.encode("Finalization") == b"\x02"
    assert kind.decode(b"\x02") == EnumValue("Finalization", None)
    assert kind.decode(b"\x01\x05\x00\x00\x00") == ("ApplyExtrinsic", 5)


def test_result_encodes_ok_and_err() -> None:
    result = Result(U32, Str)
    assert result.encode(("Ok", 42)) == b"\x00\x2a\x00\x00\x00"
    assert result.decode(b"\x01\x08no") == ("Err", "no")
    assert Result(Unit, U8).decode(b"\x00") == ("Ok", None)


def test_nested_option_keeps_some_none_distinct() -> None:
    nested = Option(Option(U32))
    assert nested.encode(None) == b"\x00"
    assert nested.encode(Some(None)) == b"\x01\x00"
    assert nested.decode(b"\x01\x00") == Some(None)
    assert nested.decode(b"\x01\x01\x05\x00\x00\x00") == Some(5)


def test_option_bool_is_one_byte() -> None:
    assert [Option(Bool).encode(v) for v in (None, True, False)] == [b"\x00", b"\x01", b"\x02"]


def test_btreemap_sorts_by_rust_order_and_decodes_like_rust() -> None:
    mapping = BTreeMap(U32, Bool)
    assert mapping.encode({256: True, 1: False}) == bytes.fromhex("0801000000000001000001")
    unsorted = bytes.fromhex("08" "00010000" "01" "01000000" "00")
    assert list(mapping.decode(unsorted)) == [1, 256]
    repeated = bytes.fromhex("08" "01000000" "00" "01000000" "01")
    assert mapping.decode(repeated) == {1: True}


def test_btreemap_with_enum_keys_orders_by_variant_index() -> None:
    key = Enum("Key", [("Zed", None), ("Alpha", None)])
    encoded = BTreeMap(key, U8).encode({("Alpha", None): 2, ("Zed", None): 1})
    assert encoded == b"\x08\x00\x01\x01\x02"


def test_btreeset_sorts_and_deduplicates_on_decode() -> None:
    items = BTreeSet(U16)
    assert items.encode({3, 1, 2}) == b"\x0c\x01\x00\x02\x00\x03\x00"
    assert items.decode(b"\x0c\x03\x00\x01\x00\x03\x00") == [1, 3]


def test_vec_of_ints_fast_path_equals_item_by_item_encoding() -> None:
    values = list(range(0, 65536, 257))
    encoded = Vec(U16).encode(values)
    assert encoded == Compact(U32).encode(len(values)) + b"".join(
        U16.encode(v) for v in values)
    assert Vec(U16).decode(encoded) == values
    assert Vec(U16).decode(bytearray(encoded)) == values
    assert Vec(U16).decode(memoryview(encoded)) == values


def test_decode_from_returns_the_offset_after_the_value() -> None:
    data = b"\xff" + ACCOUNT_DATA.encode((1, 2, 3, 4)) + b"\x04"
    value, offset = ACCOUNT_DATA.decode_from(data, 1)
    assert value.reserved == 2 and offset == 41
    assert Compact(U8).decode_from(data, offset) == (1, 42)


def test_struct_descriptor_keeps_path_fields_and_type_names() -> None:
    descriptor = ACCOUNT_INFO.type_def()
    assert isinstance(descriptor, CompositeDef)
    assert ACCOUNT_INFO.path == ("frame_system", "AccountInfo")
    assert [(f.name, f.type_name) for f in descriptor.fields][:2] == [("nonce", "Nonce"),
                                                                       ("consumers", "RefCount")]
    assert descriptor.fields[4].type is ACCOUNT_DATA
    assert ACCOUNT_DATA.params == (TypeParam("Balance", U64),)


def test_container_descriptors_match_scale_info() -> None:
    assert U32.type_def() == PrimitiveDef("u32")
    assert Str.type_def() == PrimitiveDef("str")
    assert Vec(U16).type_def() == SequenceDef(U16)
    assert Bytes.type_def() == SequenceDef(U8)
    assert Array(U8, 32).type_def() == ArrayDef(32, U8)
    assert Compact(U64).type_def() == CompactDef(U64)
    assert Tuple(U8, U16).type_def() == TupleDef((U8, U16))
    assert Unit.type_def() == TupleDef(())
    option = Option(U32).type_def()
    assert isinstance(option, VariantDef) and Option(U32).path == ("Option",)
    assert [(v.name, v.index) for v in option.variants] == [("None", 0), ("Some", 1)]
    assert option.variants[1].fields == (Field(None, U32),)
    mapping = BTreeMap(U32, U8)
    assert mapping.path == ("BTreeMap",) and [p.name for p in mapping.params] == ["K", "V"]
    assert mapping.type_def().fields[0].type.name == "Vec<(u32, u8)>"


def test_enum_descriptor_has_variant_fields_and_path() -> None:
    descriptor = MultiAddress.type_def()
    assert MultiAddress.path == ("sp_runtime", "multiaddress", "MultiAddress")
    assert [v.name for v in descriptor.variants] == ["Id", "Index", "Raw", "Address32",
                                                     "Address20"]
    assert descriptor.variants[0].fields[0].type_name == "AccountId"


def test_era_descriptor_is_the_256_variant_enum() -> None:
    descriptor = ERA.type_def()
    assert ERA.path == ("sp_runtime", "generic", "era", "Era")
    assert len(descriptor.variants) == 256
    assert descriptor.variants[255].name == "Mortal255"


def test_weight_is_two_compacts() -> None:
    assert Weight.encode({"ref_time": 1, "proof_size": 64}) == b"\x04\x01\x01"


def test_same_constructor_arguments_return_shared_type_objects() -> None:
    assert Vec(U16) is Vec(U16)
    assert Compact(U32) is Compact(U32)
    assert Option(U8) is Option(U8)
    assert Vec(U8) is Bytes


def test_registry_key_is_structural_for_anonymous_and_named_types() -> None:
    assert Tuple(U32, U8) is Tuple(U32, U8) and Array(U16, 3) is Array(U16, 3)
    assert Vec(Tuple(U32, U8)).registry_key() == ("SequenceDef", ("tuple", (("primitive", "u32"),
                                                                            ("primitive", "u8"))))
    assert Option(U32).registry_key() != Option(U64).registry_key()
    assert ACCOUNT_INFO.registry_key() == ("named", ("frame_system", "AccountInfo"), ())
    anonymous = Struct("Anon", [("a", U8)])
    assert anonymous.registry_key() != Struct("Anon", [("a", U8)]).registry_key()
    first = BTreeMap(U32, U8).type_def().fields[0].type
    assert first is BTreeMap(U32, U8).type_def().fields[0].type


def test_option_of_transparent_wrapper_around_option_uses_some() -> None:
    wrapper = Struct("Wrapper", [(None, Option(U8))])
    nested = Option(wrapper)
    assert nested.decode(b"\x01\x00") == Some(None)
    assert nested.encode(Some(None)) == b"\x01\x00" and nested.encode(None) == b"\x00"


def test_compact_unit_is_zero_sized_as_in_multiaddress_index() -> None:
    assert Compact(Unit).encode(None) == b"" and Compact(Unit).decode(b"") is None
    assert Compact(Unit).type_def() == CompactDef(Unit)
    assert MultiAddress.encode(("Index", None)) == b"\x01"
    assert MultiAddress.decode(b"\x01") == ("Index", None)


def test_vec_of_int_tuples_fast_path_matches_item_by_item() -> None:
    weights = [(uid, (uid * 7919) % 65536) for uid in range(300)]
    vec = Vec(Tuple(U16, U16))
    encoded = vec.encode(weights)
    assert encoded == Compact(U32).encode(300) + b"".join(Tuple(U16, U16).encode(w)
                                                          for w in weights)
    assert vec.decode(encoded) == weights
    assert vec.decode(memoryview(encoded)) == weights
    assert Vec(Tuple(U16, U16)).encode([[1, 2]]) == b"\x04\x01\x00\x02\x00"


def test_numpy_decode_and_encode_of_integer_vectors() -> None:
    import numpy as np

    weights = [(uid, 65535 - uid) for uid in range(50)]
    vec = Vec(Tuple(U16, U16))
    encoded = vec.encode(weights)
    array, end = vec.decode_numpy_from(b"\x00" + encoded, 1)
    assert end == len(encoded) + 1 and array.shape == (50, 2)
    assert array.tolist() == [list(w) for w in weights]
    assert vec.encode_numpy(array) == encoded
    stakes = Vec(U64)
    assert stakes.decode_numpy_from(stakes.encode([1, 2**64 - 1]))[0].tolist() == [1, 2**64 - 1]
    with pytest.raises(EncodeError, match=r"outside 0\.\.65535"):
        Vec(U16).encode_numpy(np.array([1, 70000]))
    with pytest.raises(EncodeError, match="shape"):
        vec.encode_numpy(np.array([1, 2, 3]))
    with pytest.raises(TypeDefinitionError):
        Vec(Tuple(U16, U32)).decode_numpy_from(b"\x00")
    with pytest.raises(DecodeError, match="length prefix"):
        Vec(U32).decode_numpy_from(b"\x08\x00\x00\x00\x00")


def test_shorthand_declarations_carry_docs_and_type_names() -> None:
    call = Enum("Call", [
        ("transfer_keep_alive", [("dest", MultiAddress, "AccountIdLookupOf<T>"),
                                 ("value", Compact(U64), "T::Balance", ["Amount to send."])],
         3, ["Transfer some liquid free balance to another account."]),
    ], path=("pallet_balances", "pallet", "Call"))
    (variant,) = call.type_def().variants
    assert (variant.index, variant.docs) == (3, ("Transfer some liquid free balance to another "
                                                 "account.",))
    assert [f.type_name for f in variant.fields] == ["AccountIdLookupOf<T>", "T::Balance"]
    assert variant.fields[1].docs == ("Amount to send.",)
    encoded = call.encode(("transfer_keep_alive", {"dest": ("Id", b"\x01" * 32), "value": 5}))
    assert encoded == b"\x03\x00" + b"\x01" * 32 + b"\x14"
