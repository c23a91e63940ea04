"""The SCALE codec (spec/substrate.md §1): type objects declared once, used to encode and decode.

Quick reference::

    from runtime.primitives.scale import U32, U64, U128, Compact, Vec, Struct, Enum, Array, U8

    AccountData = Struct("AccountData", [("free", U64), ("reserved", U64), ("frozen", U64),
                                         ("flags", U128)], path=("pallet_balances", "types",
                                                                 "AccountData"))
    raw = AccountData.encode({"free": 1, "reserved": 0, "frozen": 0, "flags": 1 << 127})
    value = AccountData.decode(raw)          # Record: value.free, value._asdict()
    Vec(U16).decode_from(data, offset)       # -> (list, new_offset)

Python values: ints; bool; str; bytes for ``Vec<u8>``/``[u8; N]``; list for ``Vec``/arrays;
tuple for tuples; dict for ``BTreeMap``; sorted list for ``BTreeSet``; None/value for ``Option``;
``Record`` (or a custom ``value_class``) for named structs; ``EnumValue(name, payload)`` for
enums and ``Result``. Every failure is a ``DecodeError`` (naming the type and byte offset) or an
``EncodeError``; both derive from ``ScaleError``.
"""

from __future__ import annotations

from runtime.primitives.scale.base import (
    ArrayDef,
    CompactDef,
    CompositeDef,
    EnumValue,
    Field,
    PrimitiveDef,
    Record,
    ScaleType,
    SequenceDef,
    Some,
    TupleDef,
    TypeDef,
    TypeParam,
    Variant,
    VariantDef,
    make_record_class,
)
from runtime.primitives.scale.composite import Enum, EnumType, Result, Struct, StructType
from runtime.primitives.scale.errors import (
    DecodeError,
    EncodeError,
    ScaleError,
    TypeDefinitionError,
)
from runtime.primitives.scale.ints import (
    I8,
    I16,
    I32,
    I64,
    I128,
    I256,
    U8,
    U16,
    U32,
    U64,
    U128,
    U256,
    Bool,
    BoolType,
    Compact,
    CompactType,
    CompactUnitType,
    FixedInt,
    decode_compact,
    encode_compact,
)
from runtime.primitives.scale.maps import BTreeMap, BTreeMapType, BTreeSet, BTreeSetType
from runtime.primitives.scale.optional import (
    Lazy,
    LazyType,
    Option,
    OptionBool,
    OptionBoolType,
    OptionType,
)
from runtime.primitives.scale.sequences import (
    Array,
    ArrayType,
    ByteArrayType,
    Bytes,
    BytesType,
    Str,
    StrType,
    Tuple,
    TupleType,
    Unit,
    UnitType,
    Vec,
    VecType,
)

__all__ = [
    "I8",
    "I16",
    "I32",
    "I64",
    "I128",
    "I256",
    "U8",
    "U16",
    "U32",
    "U64",
    "U128",
    "U256",
    "Array",
    "ArrayDef",
    "ArrayType",
    "BTreeMap",
    "BTreeMapType",
    "BTreeSet",
    "BTreeSetType",
    "Bool",
    "BoolType",
    "ByteArrayType",
    "Bytes",
    "BytesType",
    "Compact",
    "CompactDef",
    "CompactType",
    "CompactUnitType",
    "CompositeDef",
    "DecodeError",
    "EncodeError",
    "Enum",
    "EnumType",
    "EnumValue",
    "Field",
    "FixedInt",
    "Lazy",
    "LazyType",
    "Option",
    "OptionBool",
    "OptionBoolType",
    "OptionType",
    "PrimitiveDef",
    "Record",
    "Result",
    "ScaleError",
    "ScaleType",
    "SequenceDef",
    "Some",
    "Str",
    "StrType",
    "Struct",
    "StructType",
    "Tuple",
    "TupleDef",
    "TupleType",
    "TypeDef",
    "TypeDefinitionError",
    "TypeParam",
    "Unit",
    "UnitType",
    "Variant",
    "VariantDef",
    "Vec",
    "VecType",
    "decode_compact",
    "encode_compact",
    "make_record_class",
]
