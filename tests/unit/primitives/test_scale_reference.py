"""Property tests of the SCALE codec against (a) a slow, obviously-correct reference encoder
written here straight from spec/substrate.md §1 and (b) py-scale-codec (``scalecodec`` 1.2.12).

Hypothesis draws a type *shape* (nested tuples describing a type), builds our type object, a
reference encoder, a scalecodec type string, and values of that shape.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scalecodec.base import RuntimeConfiguration, ScaleBytes
from scalecodec.type_registry import load_type_registry_preset

from runtime.primitives.scale import (
    Array,
    Bool,
    BTreeMap,
    Bytes,
    Compact,
    DecodeError,
    EncodeError,
    Enum,
    EnumValue,
    FixedInt,
    Option,
    Record,
    ScaleType,
    Some,
    Str,
    Struct,
    Tuple,
    Vec,
)

INT_SHAPES = [("int", bits, signed) for bits in (8, 16, 32, 64, 128) for signed in (False, True)]
INT_SHAPES.append(("int", 256, False))
_names = itertools.count()

# ---- the reference encoder ---------------------------------------------------------------------


def ref_compact(n: int) -> bytes:
    """Compact integer exactly as the spec table states it."""
    if n <= 63:
        return bytes([n * 4])
    if n <= 16383:
        return (n * 4 + 1).to_bytes(2, "little")
    if n <= 2**30 - 1:
        return (n * 4 + 2).to_bytes(4, "little")
    raw = n.to_bytes((n.bit_length() + 7) // 8, "little")
    return bytes([(len(raw) - 4) * 4 + 3]) + raw


def ref_encode(shape: tuple, value: Any) -> bytes:
    """SCALE encoding of ``value`` of type ``shape``, one rule per kind."""
    kind = shape[0]
    if kind == "int":
        return value.to_bytes(shape[1] // 8, "little", signed=shape[2])
    if kind == "compact":
        return ref_compact(value)
    if kind == "bool":
        return b"\x01" if value else b"\x00"
    if kind == "str":
        return ref_compact(len(value.encode())) + value.encode()
    if kind == "bytes":
        return ref_compact(len(value)) + value
    if kind == "bytearray":
        return value
    if kind == "option":
        if shape[1] == ("bool",):
            return {None: b"\x00", True: b"\x01", False: b"\x02"}[value]
        if value is None:
            return b"\x00"
        return b"\x01" + ref_encode(shape[1], value.value if isinstance(value, Some) else value)
    if kind == "vec":
        return ref_compact(len(value)) + b"".join(ref_encode(shape[1], v) for v in value)
    if kind == "array":
        return b"".join(ref_encode(shape[1], v) for v in value)
    if kind == "tuple":
        return b"".join(ref_encode(s, v) for s, v in zip(shape[1], value, strict=True))
    if kind == "map":
        items = sorted(value.items())
        return ref_compact(len(items)) + b"".join(
            ref_encode(shape[1], k) + ref_encode(shape[2], v) for k, v in items)
    if kind == "struct":
        return b"".join(ref_encode(s, value[n]) for n, s in shape[2])
    if kind == "tstruct":
        fields = shape[2]
        if len(fields) == 1:
            return ref_encode(fields[0], value)
        return b"".join(ref_encode(s, v) for s, v in zip(fields, value, strict=True))
    if kind == "enum":
        name, payload = value
        (index, payload_shape), = [(i, s) for n, s, i in shape[2] if n == name]
        return bytes([index]) + (b"" if payload_shape is None else ref_encode(payload_shape,
                                                                              payload))
    raise ValueError(f"unknown shape {shape}")


# ---- shapes, our types, values -----------------------------------------------------------------

LEAVES = st.sampled_from([*INT_SHAPES, ("bool",), ("str",), ("bytes",), ("compact", 32),
                          ("compact", 64), ("compact", 128), ("bytearray", 4), ("bytearray", 32)])


def _composites(children: st.SearchStrategy) -> st.SearchStrategy:
    field_lists = st.lists(children, min_size=1, max_size=4)
    return st.one_of(
        st.tuples(st.just("option"), children),
        st.tuples(st.just("vec"), children).map(_byte_sequences),
        st.tuples(st.just("array"), children, st.integers(0, 3)).map(_byte_sequences),
        field_lists.map(lambda items: ("tuple", tuple(items))),
        st.tuples(st.just("map"), st.sampled_from([("int", 32, False), ("int", 8, True),
                                                    ("bytes",), ("str",)]), children),
        field_lists.map(lambda items: ("struct", f"S{next(_names)}",
                                       tuple((f"f{i}", s) for i, s in enumerate(items)))),
        field_lists.map(lambda items: ("tstruct", f"T{next(_names)}", tuple(items))),
        st.tuples(st.lists(st.one_of(st.none(), children), min_size=1, max_size=4),
                  st.booleans()).map(_enum_shape),
    )


def _byte_sequences(shape: tuple) -> tuple:
    """``Vec<u8>``/``[u8; N]`` have bytes values: describe them with the byte kinds."""
    if shape[1] != ("int", 8, False):
        return shape
    return ("bytes",) if shape[0] == "vec" else ("bytearray", shape[2])


def _enum_shape(args: tuple[list, bool]) -> tuple:
    payloads, sparse = args
    indices = [3 * i + 1 for i in range(len(payloads))] if sparse else range(len(payloads))
    variants = tuple((f"V{i}", p, index) for i, (p, index) in enumerate(zip(payloads, indices,
                                                                            strict=True)))
    return ("enum", f"E{next(_names)}", variants)


SHAPES = st.recursive(LEAVES, _composites, max_leaves=8)


def our_type(shape: tuple) -> ScaleType:
    """Our type object for a shape."""
    kind = shape[0]
    simple = {"bool": Bool, "str": Str, "bytes": Bytes}
    if kind in simple:
        return simple[kind]
    if kind == "int":
        return FixedInt(shape[1], shape[2])
    if kind == "compact":
        return Compact(FixedInt(shape[1], False))
    if kind == "bytearray":
        return Array(FixedInt(8, False), shape[1])
    if kind == "option":
        return Option(Bool if shape[1] == ("bool",) else our_type(shape[1]))
    if kind == "vec":
        return Vec(our_type(shape[1]))
    if kind == "array":
        return Array(our_type(shape[1]), shape[2])
    if kind == "tuple":
        return Tuple(*[our_type(s) for s in shape[1]])
    if kind == "map":
        return BTreeMap(our_type(shape[1]), our_type(shape[2]))
    if kind == "struct":
        return Struct(shape[1], [(n, our_type(s)) for n, s in shape[2]])
    if kind == "tstruct":
        return Struct(shape[1], [(None, our_type(s)) for s in shape[2]])
    return Enum(shape[1], [(n, None if s is None else our_type(s), i) for n, s, i in shape[2]])


def values(shape: tuple) -> st.SearchStrategy:
    """Values of a shape, in the form our encoder takes."""
    kind = shape[0]
    if kind == "int":
        bits, signed = shape[1], shape[2]
        low, high = (-(1 << (bits - 1)), (1 << (bits - 1)) - 1) if signed else (0, (1 << bits) - 1)
        return st.integers(low, high)
    if kind == "compact":
        return st.integers(0, (1 << shape[1]) - 1)
    leaves = {"bool": st.booleans(), "str": st.text(max_size=8), "bytes": st.binary(max_size=8)}
    if kind in leaves:
        return leaves[kind]
    if kind == "bytearray":
        return st.binary(min_size=shape[1], max_size=shape[1])
    return _composite_values(shape)


def _may_be_none(shape: tuple) -> bool:
    """Whether a value of ``shape`` can itself be None (an option, a field-less struct, or a
    one-field tuple struct around such a value): then an enclosing option needs ``Some``."""
    kind = shape[0]
    if kind == "option":
        return True
    if kind in ("struct", "tstruct"):
        fields = shape[2]
        if not fields:
            return True
        if kind == "tstruct" and len(fields) == 1:
            return _may_be_none(fields[0])
    return False


def _composite_values(shape: tuple) -> st.SearchStrategy:
    kind = shape[0]
    if kind == "option":
        inner = values(shape[1])
        if _may_be_none(shape[1]):
            inner = inner.map(Some)
        return st.one_of(st.none(), inner)
    if kind == "vec":
        return st.lists(values(shape[1]), max_size=4)
    if kind == "array":
        return st.lists(values(shape[1]), min_size=shape[2], max_size=shape[2])
    if kind == "tuple":
        return st.tuples(*[values(s) for s in shape[1]])
    if kind == "map":
        return st.dictionaries(values(shape[1]), values(shape[2]), max_size=4)
    if kind == "struct":
        return st.fixed_dictionaries({n: values(s) for n, s in shape[2]})
    if kind == "tstruct":
        fields = shape[2]
        return values(fields[0]) if len(fields) == 1 else st.tuples(*[values(s) for s in fields])
    return st.one_of(*[st.tuples(st.just(n), st.none() if s is None else values(s))
                       for n, s, _ in shape[2]])


def normalize(value: Any) -> Any:
    """Decoded values in the generated form (Records to dicts, EnumValues to tuples)."""
    if isinstance(value, Record):
        return {k: normalize(v) for k, v in value._asdict().items()}
    if isinstance(value, EnumValue):
        return (value.variant, normalize(value.value))
    if isinstance(value, list):
        return [normalize(v) for v in value]
    if isinstance(value, tuple):
        return tuple(normalize(v) for v in value)
    if isinstance(value, dict):
        return {k: normalize(v) for k, v in value.items()}
    if isinstance(value, Some):
        return Some(normalize(value.value))
    return value


SHAPED_VALUES = SHAPES.flatmap(lambda shape: st.tuples(st.just(shape), values(shape)))
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(SHAPED_VALUES)
def test_encode_matches_reference(shaped: tuple) -> None:
    shape, value = shaped
    assert our_type(shape).encode(value) == ref_encode(shape, value)


@FAST
@given(SHAPED_VALUES)
def test_decode_of_reference_bytes_gives_the_value(shaped: tuple) -> None:
    shape, value = shaped
    scale_type = our_type(shape)
    encoded = ref_encode(shape, value)
    assert normalize(scale_type.decode(encoded)) == normalize(value)
    assert scale_type.decode_from(encoded + b"\xff", 0)[1] == len(encoded)


@FAST
@given(SHAPES, st.binary(max_size=40))
def test_decoding_arbitrary_bytes_fails_only_with_decode_error(shape: tuple, data: bytes) -> None:
    scale_type = our_type(shape)
    try:
        value = scale_type.decode(data)
    except DecodeError:
        return
    if "map" not in repr(shape):  # BTreeMap accepts unsorted input, as Rust does
        assert scale_type.encode(value) == data


@FAST
@given(SHAPED_VALUES)
def test_truncated_encoding_is_a_decode_error(shaped: tuple) -> None:
    shape, value = shaped
    scale_type = our_type(shape)
    encoded = scale_type.encode(value)
    for cut in range(len(encoded)):
        with pytest.raises(DecodeError):
            scale_type.decode(encoded[:cut])


# ---- py-scale-codec cross-check ----------------------------------------------------------------

def _runtime_config() -> RuntimeConfiguration:
    config = RuntimeConfiguration()
    config.update_type_registry(load_type_registry_preset("legacy"))
    return config


SCALECODEC = _runtime_config()


def sc_type(shape: tuple) -> str | None:
    """The scalecodec type string of a shape, registering structs/enums; None if not expressible
    (sparse enum indices, arrays of non-primitives, ``[u8; 0]``, 1-tuples; ``Option<bool>`` and
    nested options, which py-scale-codec encodes differently from Rust)."""
    kind = shape[0]
    if kind == "int":
        return f"{'i' if shape[2] else 'u'}{shape[1]}"
    simple = {"bool": "bool", "str": "Text", "bytes": "Bytes"}
    if kind in simple:
        return simple[kind]
    if kind == "compact":
        return f"Compact<u{shape[1]}>"
    if kind == "bytearray":
        return f"[u8; {shape[1]}]" if shape[1] else None
    if kind == "array" and (shape[2] == 0 or shape[1][0] not in ("int", "bool")):
        return None  # py-scale-codec only has arrays of primitive types
    if kind == "tstruct":
        return None  # py-scale-codec has no unnamed-field structs
    inner = [sc_type(s) for s in _children(shape)]
    if None in inner:
        return None
    if kind in ("tuple", "map") and any("," in t for t in inner):
        return None  # py-scale-codec splits nested generic parameters at every comma
    if kind == "option":
        return None if shape[1][0] in ("option", "bool") else f"Option<{inner[0]}>"
    if kind in ("vec", "array"):
        return f"Vec<{inner[0]}>" if kind == "vec" else f"[{inner[0]}; {shape[2]}]"
    if kind == "tuple":  # py-scale-codec mis-parses one-element tuples "(u8,)"
        return "(" + ", ".join(inner) + ")" if len(inner) > 1 else None
    if kind == "map":
        return f"BTreeMap<{inner[0]}, {inner[1]}>"
    return _register(shape, inner)


def _children(shape: tuple) -> list[tuple]:
    kind = shape[0]
    if kind in ("option", "vec", "array"):
        return [shape[1]]
    if kind == "tuple":
        return list(shape[1])
    if kind == "map":
        return [shape[1], shape[2]]
    if kind == "struct":
        return [s for _, s in shape[2]]
    if kind == "tstruct":
        return list(shape[2])
    return [s for _, s, _ in shape[2] if s is not None]


def _register(shape: tuple, inner: list[str]) -> str | None:
    name = f"Tc{shape[1]}"
    if shape[0] == "struct":
        mapping = [[n, t] for (n, _), t in zip(shape[2], inner, strict=True)]
        SCALECODEC.update_type_registry({"types": {name: {"type": "struct",
                                                          "type_mapping": mapping}}})
        return name
    if [i for _, _, i in shape[2]] != list(range(len(shape[2]))):
        return None
    names = iter(inner)
    mapping = [[n, "Null" if s is None else next(names)] for n, s, _ in shape[2]]
    SCALECODEC.update_type_registry({"types": {name: {"type": "enum", "type_mapping": mapping}}})
    return name


def sc_value(shape: tuple, value: Any) -> Any:
    """Our value in the form scalecodec's encoder takes."""
    kind = shape[0]
    if kind in ("bytes", "bytearray"):
        return "0x" + value.hex()
    if kind == "option":
        return None if value is None else sc_value(shape[1], value)
    if kind in ("vec", "array"):
        return [sc_value(shape[1], v) for v in value]
    if kind == "tuple":
        return tuple(sc_value(s, v) for s, v in zip(shape[1], value, strict=True))
    if kind == "map":
        # py-scale-codec writes entries in the dict's order, so hand them over sorted
        return {sc_value(shape[1], k): sc_value(shape[2], v) for k, v in sorted(value.items())}
    if kind == "struct":
        return {n: sc_value(s, value[n]) for n, s in shape[2]}
    if kind == "enum":
        name, payload = value
        (payload_shape,) = [s for n, s, _ in shape[2] if n == name]
        return name if payload_shape is None else {name: sc_value(payload_shape, payload)}
    return value


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SHAPED_VALUES)
def test_encoding_matches_py_scale_codec(shaped: tuple) -> None:
    shape, value = shaped
    type_string = sc_type(shape)
    if type_string is None:
        return
    ours = our_type(shape).encode(value)
    theirs = SCALECODEC.create_scale_object(type_string).encode(sc_value(shape, value))
    assert ours == bytes(theirs.data)
    decoded = SCALECODEC.create_scale_object(type_string, data=ScaleBytes(ours)).decode()
    if "bytes" not in repr(shape):  # scalecodec returns Bytes as text when they are UTF-8
        assert decoded == sc_value(shape, value)


@pytest.mark.slow
@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SHAPED_VALUES)
def test_encode_and_decode_match_reference_long(shaped: tuple) -> None:
    shape, value = shaped
    scale_type = our_type(shape)
    encoded = scale_type.encode(value)
    assert encoded == ref_encode(shape, value)
    assert normalize(scale_type.decode(encoded)) == normalize(value)


def test_encode_of_out_of_range_int_is_encode_error() -> None:
    for bits, signed in [(8, False), (64, False), (128, True), (256, False)]:
        scale_type = FixedInt(bits, signed)
        with pytest.raises(EncodeError, match=scale_type.name):
            scale_type.encode(scale_type.max_value + 1)
        with pytest.raises(EncodeError, match=scale_type.name):
            scale_type.encode(scale_type.min_value - 1)
