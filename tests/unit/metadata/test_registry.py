"""The portable type registry: ids, de-duplication, recursion, exact TypeDef bytes."""

from __future__ import annotations

import pytest

from runtime.metadata import PortableRegistry
from runtime.primitives.scale import (
    U8,
    U16,
    U32,
    U64,
    Array,
    Compact,
    Enum,
    Field,
    Lazy,
    Option,
    Str,
    Struct,
    Tuple,
    TypeDefinitionError,
    TypeParam,
    Vec,
)
from runtime.primitives.scale.common import AccountId32


def _registry(*types: object) -> PortableRegistry:
    registry = PortableRegistry()
    for scale_type in types:
        registry.register(scale_type)  # type: ignore[arg-type]
    return registry


def test_single_primitive_encodes_exact_bytes() -> None:
    # Vec len 1 | id 0 | path [] | params [] | Primitive(u32) | docs []
    assert _registry(U32).encode() == bytes.fromhex("04" "00" "00" "00" "0505" "00")


def test_composite_encodes_fields_with_names_type_names_docs() -> None:
    point = Struct("Point", [Field("x", U16, "u16", ("abscissa",)), ("y", U16)],
                   path=("demo", "Point"), docs=("A point.",))
    registry = _registry(point)
    expected = (
        b"\x08"                                             # two types
        + b"\x00" + b"\x08" + b"\x10demo" + b"\x14Point"    # id 0, path [demo, Point]
        + b"\x00"                                           # no params
        + b"\x00" + b"\x08"                                 # Composite, two fields
        + b"\x01\x04x" + b"\x04" + b"\x01\x0cu16" + b"\x04" + b"\x20abscissa"
        + b"\x01\x04y" + b"\x04" + b"\x00" + b"\x00"
        + b"\x04" + b"\x20A point."                         # type docs
        + b"\x04" + b"\x00\x00" + b"\x05\x04" + b"\x00")   # id 1: u16
    assert registry.encode() == expected


def test_variant_array_tuple_sequence_compact_encodings() -> None:
    registry = _registry(Enum("E", [("A", None), ("B", [(None, U8)], 9)], path=("E",)),
                         Array(U64, 3), Tuple(U8, U64), Vec(U16), Compact(U32))
    encoded = {entry.id: entry.definition for entry in registry.types}
    assert encoded[0] == ("variant", (("A", (), 0, ()), ("B", ((None, 1, None, ()),), 9, ())))
    assert registry.id_of(Array(U64, 3)) == 2
    assert encoded[2] == ("array", (3, 3))
    assert encoded[4] == ("tuple", (1, 3))
    assert encoded[5] == ("sequence", 6)
    assert encoded[7] == ("compact", 8)
    data = registry.encode()
    assert b"\x08" + b"\x00\x00" + b"\x03\x03\x00\x00\x00\x0c" + b"\x00" in data  # [u64; 3]
    assert b"\x10" + b"\x00\x00" + b"\x04\x08\x04\x0c" + b"\x00" in data  # (u8, u64)
    assert data.endswith(b"\x1c" + b"\x00\x00" + b"\x06\x20" + b"\x00"  # Compact<u32>
                         + b"\x20" + b"\x00\x00" + b"\x05\x05" + b"\x00")


def test_ids_are_sequential_and_params_precede_fields() -> None:
    data = Struct("AccountData", [("free", U64)], path=("pallet_balances", "types", "AccountData"))
    info = Struct("AccountInfo", [("nonce", U32), ("data", data)],
                  path=("frame_system", "AccountInfo"),
                  params=(TypeParam("Nonce", U32), TypeParam("AccountData", data)))
    registry = _registry(AccountId32, info)
    paths = [entry.path or entry.definition for entry in registry.types]
    assert [entry.id for entry in registry.types] == list(range(len(registry)))
    assert paths == [("sp_core", "crypto", "AccountId32"), ("array", (32, 2)),
                     ("primitive", "u8"), ("frame_system", "AccountInfo"),
                     ("primitive", "u32"), ("pallet_balances", "types", "AccountData"),
                     ("primitive", "u64")]
    assert registry.types[3].params == (("Nonce", 4), ("AccountData", 5))


def test_identical_types_are_registered_once() -> None:
    first = Struct("H", [(None, Array(U8, 32))], path=("primitive_types", "H256"))
    second = Struct("H", [(None, Array(U8, 32))], path=("primitive_types", "H256"))
    registry = _registry(first, Option(first), Vec(first), second, Tuple(U8, U8), Tuple(U8, U8))
    assert registry.register(second) == registry.register(first) == 0
    assert len(registry) == len({entry.path or entry.definition for entry in registry.types})


def test_erased_param_is_encoded_as_none() -> None:
    call = Enum("Call", [("remark", [("remark", Vec(U8), "Vec<u8>")])],
                path=("frame_system", "pallet", "Call"), params=(TypeParam("T", None),))
    registry = _registry(call)
    assert registry.types[0].params == (("T", None),)
    assert registry.encode()[1:].startswith(
        b"\x00" + b"\x0c" + b"\x30frame_system" + b"\x18pallet" + b"\x10Call"
        + b"\x04" + b"\x04T" + b"\x00")


def test_recursive_type_terminates() -> None:
    node = Struct("Node", [("value", U32), ("children", Vec(Lazy("Node", lambda: node)))],
                  path=("demo", "Node"))
    registry = _registry(node)
    assert registry.types[0].definition == ("composite", (("value", 1, None, ()),
                                                          ("children", 2, None, ())))
    assert registry.types[2].definition == ("sequence", 0)
    assert len(registry) == 3


def test_conflicting_types_with_one_path_raise() -> None:
    first = Struct("Call", [("a", U8)], path=("pallet", "Call"))
    second = Struct("Call", [("b", U8)], path=("pallet", "Call"))
    registry = _registry(first)
    with pytest.raises(TypeDefinitionError, match="share the registry identity"):
        registry.register(second)


def test_registration_is_deterministic() -> None:
    def build() -> bytes:
        pair = Struct("Pair", [("a", Str), ("b", Vec(Option(U16)))], path=("demo", "Pair"))
        return _registry(pair, Compact(U64), AccountId32).encode()

    assert build() == build()


def test_distinct_lazy_references_to_one_type_register_once() -> None:
    target = Enum("RuntimeCall", [("Noop", None)], path=("node_subtensor_runtime", "RuntimeCall"))
    first, second = Lazy("RuntimeCall", lambda: target), Lazy("RuntimeCall", lambda: target)
    record_a = Struct("Record", [("call", first)], path=("demo", "Record"),
                      params=(TypeParam("C", first),))
    record_b = Struct("Record", [("call", second)], path=("demo", "Record"),
                      params=(TypeParam("C", second),))
    registry = _registry(Vec(first), Vec(second), Option(first), record_a, record_b, target)
    assert registry.id_of(Vec(second)) == registry.id_of(Vec(first)) == 0
    assert registry.id_of(record_b) == registry.id_of(record_a)
    assert len(registry) == 4  # Vec<RuntimeCall>, RuntimeCall, Option<RuntimeCall>, Record
