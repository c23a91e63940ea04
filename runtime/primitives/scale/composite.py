"""Structs and enums, declared once (with scale-info paths, field names and variant indices).

Decoded values:
- a struct with named fields decodes to an instance of its ``value_class`` — by default a generated
  ``Record`` (an immutable tuple with named attributes, ``_asdict()``, ``_replace()``); pass your
  own ``value_class`` (e.g. a frozen dataclass taking the fields positionally) to decode into it;
- a struct with one unnamed field (``H256([u8; 32])``, ``Perbill(u32)``) is transparent: its value
  is the inner value; several unnamed fields give a tuple; no fields give None;
- an enum decodes to ``EnumValue(variant_name, payload)``; the payload follows the same rules as a
  struct made of the variant's fields (None for unit variants).

Encoders accept the decoded forms and also: for structs a mapping by field name or any object with
the field attributes; for enums a ``(name, payload)`` tuple, a one-key ``{name: payload}`` dict, or
the bare name of a unit variant.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from operator import attrgetter
from typing import Any

from runtime.primitives.scale import codegen
from runtime.primitives.scale.base import (
    Buffer,
    CompositeDef,
    EnumValue,
    Field,
    ScaleType,
    TypeDef,
    TypeParam,
    Variant,
    VariantDef,
    make_record_class,
)
from runtime.primitives.scale.errors import DecodeError, EncodeError, TypeDefinitionError

FieldSpec = Field | tuple[Any, ...]
VariantSpec = Variant | str | tuple[Any, ...]
_new_enum_value = tuple.__new__


def normalize_field(spec: FieldSpec) -> Field:
    """A ``Field`` from ``Field(...)`` or ``(name, type[, type_name[, docs]])``."""
    if isinstance(spec, Field):
        return spec
    if isinstance(spec, tuple) and 2 <= len(spec) <= 4 and isinstance(spec[1], ScaleType):
        type_name = spec[2] if len(spec) > 2 else None
        return Field(spec[0], spec[1], type_name, tuple(spec[3]) if len(spec) > 3 else ())
    raise TypeDefinitionError(f"bad field declaration {spec!r}: use (name, type[, type_name])")


def _kind(fields: tuple[Field, ...], name: str) -> str:
    named = [f.name is not None for f in fields]
    if not fields:
        return "unit"
    if all(named):
        return "record"
    if any(named):
        raise TypeDefinitionError(f"{name}: fields must be all named or all unnamed")
    return "newtype" if len(fields) == 1 else "tuple"


class StructType(ScaleType):
    """A struct (scale-info Composite): fields encoded in declaration order, names irrelevant.

    ``kind`` is ``record`` (named fields), ``newtype`` (one unnamed field, transparent), ``tuple``
    (several unnamed fields) or ``unit`` (no fields). ``encode`` and ``decode_from`` are compiled
    per struct (see ``codegen``).
    """

    def __init__(self, name: str, fields: Iterable[FieldSpec], *, path: Sequence[str] = (),
                 params: Sequence[TypeParam] = (), docs: Sequence[str] = (),
                 value_class: type | None = None) -> None:
        normalized = tuple(normalize_field(f) for f in fields)
        sizes = [f.type.fixed_size for f in normalized]
        super().__init__(name, min_size=sum(f.type.min_size for f in normalized),
                         fixed_size=None if None in sizes else sum(sizes),  # type: ignore[arg-type]
                         path=tuple(path), params=tuple(params), docs=tuple(docs))
        self.fields = normalized
        self.kind = _kind(normalized, name)
        names = tuple(f.name for f in normalized if f.name is not None)
        if value_class is None and self.kind == "record":
            value_class = make_record_class(name, names)
        self.value_class = value_class
        self._getter = attrgetter(*names) if names else None
        self.encode = codegen.compile_encoder(self, self.encode_slow)  # type: ignore[method-assign]
        self.decode_from = codegen.compile_decoder(self)  # type: ignore[method-assign]
        whole = codegen.compile_whole_decoder(self)
        if whole is not None:
            self.decode = whole  # type: ignore[method-assign]

    def decode_general(self, data: Buffer) -> Any:
        """``ScaleType.decode``: one value, then a check that nothing trails it."""
        return ScaleType.decode(self, data)

    def encode(self, value: Any) -> bytes:  # replaced per instance by the compiled encoder
        """The fields' encodings concatenated in declaration order."""
        return self.encode_slow(value)

    def decode_from(self, data: Buffer, offset: int = 0) -> tuple[Any, int]:  # compiled too
        """Decode the fields in order and build the struct's value."""
        values = []
        for f in self.fields:
            value, offset = f.type.decode_from(data, offset)
            values.append(value)
        if self.kind == "record":
            return self.value_class(*values), offset  # type: ignore[misc]
        return self._pack_unnamed(values), offset

    def _pack_unnamed(self, values: list[Any]) -> Any:
        if self.kind == "newtype":
            return values[0]
        return tuple(values) if values else None

    def encode_slow(self, value: Any) -> bytes:
        """Field-by-field encoding; raises an ``EncodeError`` that names the failing field."""
        if self.kind == "unit":
            if value is not None and value != ():
                raise EncodeError(self.name, f"a field-less struct takes None, got {value!r}")
            return b""
        values = (value,) if self.kind == "newtype" else self.field_values(value)
        parts = []
        for position, (f, item) in enumerate(zip(self.fields, values, strict=True)):
            try:
                parts.append(f.type.encode(item))
            except EncodeError as exc:
                label = f.name if f.name is not None else str(position)
                raise EncodeError(self.name, f"field {label}: {exc}") from None
        return b"".join(parts)

    def field_values(self, value: Any) -> tuple[Any, ...]:
        """The field values of ``value`` in declaration order (tuple, mapping or attributes)."""
        count = len(self.fields)
        if isinstance(value, tuple):
            if len(value) != count:
                raise EncodeError(self.name, f"expected {count} fields, got {len(value)}")
            return value
        names = [f.name for f in self.fields]
        if isinstance(value, Mapping):
            unknown = set(value) - set(names)
            missing = [n for n in names if n not in value]
            if unknown or missing:
                raise EncodeError(self.name, f"missing fields {missing}, unknown {sorted(unknown)}")
            return tuple(value[n] for n in names)
        if self._getter is None:
            raise EncodeError(self.name, f"expected a {count}-tuple, got {type(value).__name__}")
        try:
            got = self._getter(value)
        except AttributeError as exc:
            raise EncodeError(self.name, f"{type(value).__name__} lacks a field: {exc}") from None
        return got if count > 1 else (got,)

    def type_def(self) -> TypeDef:
        """``Composite(fields)``."""
        return CompositeDef(self.fields)

    def ord_key(self, value: Any) -> Any:
        """Derived ``Ord``: lexicographic over the fields in declaration order."""
        if self.kind == "unit":
            return ()
        values = (value,) if self.kind == "newtype" else self.field_values(value)
        return tuple(f.type.ord_key(v) for f, v in zip(self.fields, values, strict=True))


def normalize_variants(name: str, specs: Iterable[VariantSpec]) -> tuple[Variant, ...]:
    """``Variant``s from shorthand: ``"Name"`` (unit), ``(name, payload[, index[, docs]])`` where
    payload is None (unit), a type (one unnamed field) or a list of field declarations; the
    default index is the declaration position, as in Rust."""
    variants = []
    for position, spec in enumerate(specs):
        if isinstance(spec, Variant):
            variants.append(spec)
            continue
        if isinstance(spec, str):
            spec = (spec, None)
        if not isinstance(spec, tuple) or not 2 <= len(spec) <= 4:
            raise TypeDefinitionError(f"{name}: bad variant declaration {spec!r}")
        payload = spec[1]
        if payload is None:
            fields: tuple[Field, ...] = ()
        elif isinstance(payload, ScaleType):
            fields = (Field(None, payload),)
        else:
            fields = tuple(normalize_field(f) for f in payload)
        index = spec[2] if len(spec) > 2 and spec[2] is not None else position
        docs = tuple(spec[3]) if len(spec) > 3 else ()
        variants.append(Variant(spec[0], fields, index, docs))
    _check_variants(name, variants)
    return tuple(variants)


def _check_variants(name: str, variants: list[Variant]) -> None:
    seen_index: set[int] = set()
    seen_name: set[str] = set()
    for variant in variants:
        if not isinstance(variant.index, int) or not 0 <= variant.index <= 255:
            raise TypeDefinitionError(f"{name}.{variant.name}: index {variant.index!r} not a u8")
        if variant.index in seen_index or variant.name in seen_name:
            raise TypeDefinitionError(f"{name}: duplicate variant {variant.name}/{variant.index}")
        seen_index.add(variant.index)
        seen_name.add(variant.name)


class EnumType(ScaleType):
    """An enum (scale-info Variant): one index byte, then the variant's fields."""

    def __init__(self, name: str, variants: Iterable[VariantSpec], *, path: Sequence[str] = (),
                 params: Sequence[TypeParam] = (), docs: Sequence[str] = ()) -> None:
        normalized = normalize_variants(name, variants)
        payload_min = min((sum(f.type.min_size for f in v.fields) for v in normalized), default=0)
        super().__init__(name, min_size=1 + payload_min, path=tuple(path), params=tuple(params),
                         docs=tuple(docs))
        self.variants = normalized
        self._by_index: list[tuple[str, StructType | None, EnumValue] | None] = [None] * 256
        self._by_name: dict[str, tuple[bytes, StructType | None, int]] = {}
        for variant in normalized:
            payload = (StructType(f"{name}::{variant.name}", variant.fields)
                       if variant.fields else None)
            unit_value = _new_enum_value(EnumValue, (variant.name, None))
            self._by_index[variant.index] = (variant.name, payload, unit_value)
            self._by_name[variant.name] = (bytes((variant.index,)), payload, variant.index)

    def variant(self, name: str) -> Variant:
        """The declared variant called ``name``."""
        for variant in self.variants:
            if variant.name == name:
                return variant
        raise KeyError(f"{self.name} has no variant {name!r}")

    def payload_type(self, name: str) -> StructType | None:
        """The codec of a variant's fields (None for a unit variant)."""
        return self._entry(name)[1]

    def encode(self, value: Any) -> bytes:
        """The variant's index byte then its payload."""
        name, payload = self._split(value)
        prefix, codec, _ = self._entry(name)
        if codec is None:
            if payload is not None and payload != ():
                raise EncodeError(self.name, f"unit variant {name} takes no payload: {payload!r}")
            return prefix
        try:
            return prefix + codec.encode(payload)
        except EncodeError as exc:
            raise EncodeError(self.name, f"variant {name}: {exc}") from None

    def decode_from(self, data: Buffer, offset: int = 0) -> tuple[EnumValue, int]:
        """Read the index byte (unknown indices are a ``DecodeError``) and the payload."""
        try:
            index = data[offset]
        except IndexError:
            raise DecodeError(self.name, offset, "input ends before the variant index") from None
        entry = self._by_index[index]
        if entry is None:
            raise DecodeError(self.name, offset, f"unknown variant index {index}")
        name, codec, unit_value = entry
        if codec is None:
            return unit_value, offset + 1
        payload, end = codec.decode_from(data, offset + 1)
        return _new_enum_value(EnumValue, (name, payload)), end

    def _split(self, value: Any) -> tuple[str, Any]:
        if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], str):
            return value[0], value[1]
        if isinstance(value, str):
            return value, None
        if isinstance(value, Mapping) and len(value) == 1:
            return next(iter(value.items()))
        raise EncodeError(self.name, f"expected (variant, payload), got {value!r}")

    def _entry(self, name: str) -> tuple[bytes, StructType | None, int]:
        entry = self._by_name.get(name)
        if entry is None:
            raise EncodeError(self.name, f"unknown variant {name!r}")
        return entry

    def type_def(self) -> TypeDef:
        """``Variant(variants)``."""
        return VariantDef(self.variants)

    def ord_key(self, value: Any) -> Any:
        """Derived ``Ord``: by variant index, then by payload."""
        name, payload = self._split(value)
        _, codec, index = self._entry(name)
        return (index,) if codec is None else (index, codec.ord_key(payload))


def Struct(name: str, fields: Iterable[FieldSpec], *, path: Sequence[str] = (),
           params: Sequence[TypeParam] = (), docs: Sequence[str] = (),
           value_class: type | None = None) -> StructType:
    """Declare a struct: ``Struct("AccountData", [("free", U64), ...], path=(...))``."""
    return StructType(name, fields, path=path, params=params, docs=docs, value_class=value_class)


def Enum(name: str, variants: Iterable[VariantSpec], *, path: Sequence[str] = (),
         params: Sequence[TypeParam] = (), docs: Sequence[str] = ()) -> EnumType:
    """Declare an enum: ``Enum("MultiAddress", [("Id", AccountId), ...], path=(...))``."""
    return EnumType(name, variants, path=path, params=params, docs=docs)


def Result(ok: ScaleType, err: ScaleType) -> EnumType:
    """``Result<T, E>``: ``00`` ‖ T for ``("Ok", v)``, ``01`` ‖ E for ``("Err", e)``."""
    return EnumType(f"Result<{ok.name}, {err.name}>",
                    [Variant("Ok", (Field(None, ok),), 0), Variant("Err", (Field(None, err),), 1)],
                    path=("Result",), params=(TypeParam("T", ok), TypeParam("E", err)))
