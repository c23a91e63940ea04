"""The portable type registry of metadata V14/V15 (scale-info ``PortableRegistry``, spec §6.2).

Types are registered depth-first from SCALE type objects. A type receives the next id the first
time its identity is seen (``type_key``: ``registry_key()`` with ``Lazy`` references resolved),
BEFORE its parameters and fields are visited, so recursive types (``RuntimeCall`` inside
``Utility.batch``, reached through ``Lazy``) terminate; identical types are registered once.
Generic parameters are visited before the definition, as scale-info does, so ids follow the same
depth-first order as a Rust-generated registry.

Encoding: ``Vec<{id: Compact<u32>, path: Vec<String>, params: Vec<{name, Option<Compact<u32>>}>,
def: TypeDef, docs: Vec<String>}>`` with ids 0..n-1 in order.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

from runtime.metadata.scale_out import (
    encode_option,
    encode_option_str,
    encode_str,
    encode_str_vec,
    encode_vec,
)
from runtime.primitives.scale import (
    ArrayDef,
    CompactDef,
    CompositeDef,
    Field,
    LazyType,
    PrimitiveDef,
    ScaleType,
    SequenceDef,
    TupleDef,
    TypeDefinitionError,
    Variant,
    VariantDef,
    encode_compact,
)

PRIMITIVE_INDEX = {name: index for index, name in enumerate((
    "bool", "char", "str", "u8", "u16", "u32", "u64", "u128", "u256",
    "i8", "i16", "i32", "i64", "i128", "i256"))}
"""scale-info ``TypeDefPrimitive`` variant indices."""


def resolve(scale_type: ScaleType) -> ScaleType:
    """The type behind any chain of ``Lazy`` forward references."""
    seen = 0
    while isinstance(scale_type, LazyType):
        scale_type = scale_type.resolve()
        seen += 1
        if seen > 64:
            raise TypeDefinitionError("Lazy references form a cycle without a concrete type")
    return scale_type


def type_key(scale_type: ScaleType) -> Hashable:
    """``registry_key()`` with every ``Lazy`` reference resolved, at every level: two forward
    references to one type (``Vec<RuntimeCall>`` declared by two pallets through two ``Lazy``
    objects, ``EventRecord<RuntimeEvent, H256>``) give the same identity. A type class with its
    own ``registry_key`` keeps it."""
    scale_type = resolve(scale_type)
    if type(scale_type).registry_key is not ScaleType.registry_key:
        return scale_type.registry_key()
    if scale_type.path:
        params = tuple((p.name, None if p.type is None else type_key(p.type))
                       for p in scale_type.params)
        return ("named", scale_type.path, params)
    definition = scale_type.type_def()
    if isinstance(definition, (SequenceDef, CompactDef)):
        return (type(definition).__name__, type_key(definition.type))
    if isinstance(definition, ArrayDef):
        return ("array", definition.length, type_key(definition.type))
    if isinstance(definition, TupleDef):
        return ("tuple", tuple(type_key(t) for t in definition.types))
    return scale_type.registry_key()


@dataclass(frozen=True, slots=True)
class PortableType:
    """One registry entry with every type reference replaced by its id.

    ``definition`` is ``(kind, payload)``: ``("composite", fields)``, ``("variant", variants)``,
    ``("sequence", id)``, ``("array", (length, id))``, ``("tuple", ids)``, ``("primitive", name)``
    or ``("compact", id)``; fields are ``(name, id, type_name, docs)`` and variants
    ``(name, fields, index, docs)``.
    """

    id: int
    path: tuple[str, ...]
    params: tuple[tuple[str, int | None], ...]
    definition: tuple[str, object]
    docs: tuple[str, ...]


class PortableRegistry:
    """Builds the registry: ``register(type) -> id``; ``encode()`` emits it in id order."""

    def __init__(self) -> None:
        self._ids: dict[Hashable, int] = {}
        self._sources: list[ScaleType] = []
        self._entries: list[PortableType | None] = []

    def __len__(self) -> int:
        """Number of registered types."""
        return len(self._sources)

    @property
    def types(self) -> tuple[PortableType, ...]:
        """The entries in id order (complete once no registration is in progress)."""
        return tuple(entry for entry in self._entries if entry is not None)

    def source(self, type_id: int) -> ScaleType:
        """The SCALE type object first registered under ``type_id``."""
        return self._sources[type_id]

    def id_of(self, scale_type: ScaleType) -> int:
        """The id of an already registered type; ``KeyError`` if it was never registered."""
        return self._ids[type_key(scale_type)]

    def register(self, scale_type: ScaleType) -> int:
        """The id of ``scale_type``, registering it and everything it references if new."""
        scale_type = resolve(scale_type)
        key = type_key(scale_type)
        known = self._ids.get(key)
        if known is not None:
            self._check_same(known, scale_type)
            return known
        type_id = len(self._sources)
        self._ids[key] = type_id
        self._sources.append(scale_type)
        self._entries.append(None)
        params = tuple((param.name, None if param.type is None else self.register(param.type))
                       for param in scale_type.params)
        definition = self._definition(scale_type)
        self._entries[type_id] = PortableType(type_id, scale_type.path, params, definition,
                                              scale_type.docs)
        return type_id

    def _definition(self, scale_type: ScaleType) -> tuple[str, object]:
        definition = scale_type.type_def()
        if isinstance(definition, CompositeDef):
            return ("composite", self._fields(definition.fields))
        if isinstance(definition, VariantDef):
            return ("variant", tuple(self._variant(v) for v in definition.variants))
        if isinstance(definition, SequenceDef):
            return ("sequence", self.register(definition.type))
        if isinstance(definition, ArrayDef):
            return ("array", (definition.length, self.register(definition.type)))
        if isinstance(definition, TupleDef):
            return ("tuple", tuple(self.register(item) for item in definition.types))
        if isinstance(definition, PrimitiveDef):
            if definition.name not in PRIMITIVE_INDEX:
                raise TypeDefinitionError(f"{scale_type.name}: unknown primitive {definition.name}")
            return ("primitive", definition.name)
        if isinstance(definition, CompactDef):
            return ("compact", self.register(definition.type))
        raise TypeDefinitionError(f"{scale_type.name}: unsupported type definition {definition!r}")

    def _fields(self, fields: tuple[Field, ...]) -> tuple[tuple, ...]:
        return tuple((f.name, self.register(f.type), f.type_name, f.docs) for f in fields)

    def _variant(self, variant: Variant) -> tuple:
        return (variant.name, self._fields(variant.fields), variant.index, variant.docs)

    def _check_same(self, type_id: int, scale_type: ScaleType) -> None:
        """Two distinct objects with one registry key must describe the same type."""
        first = self._sources[type_id]
        if first is scale_type:
            return
        if shape(first) != shape(scale_type):
            raise TypeDefinitionError(
                f"two different types share the registry identity {type_key(scale_type)!r}: "
                f"{first.name} and {scale_type.name} (give them distinct paths or params)")

    def encode(self) -> bytes:
        """The SCALE encoding of the registry (``PortableRegistry``)."""
        if len(self.types) != len(self._sources):
            raise TypeDefinitionError("registry encoded while a registration is in progress")
        return encode_vec(self.types, encode_portable_type)


def shape(scale_type: ScaleType) -> tuple:
    """A one-level structural summary of a type (names, indices and child identities)."""
    definition = scale_type.type_def()

    def fields(items: tuple[Field, ...]) -> tuple:
        return tuple((f.name, type_key(f.type), f.type_name) for f in items)

    if isinstance(definition, CompositeDef):
        return ("composite", fields(definition.fields))
    if isinstance(definition, VariantDef):
        return ("variant", tuple(sorted((v.index, v.name, fields(v.fields))
                                        for v in definition.variants)))
    return (type(definition).__name__, type_key(scale_type))


def _encode_fields(fields: tuple[tuple, ...]) -> bytes:
    return encode_vec(fields, lambda f: (
        encode_option_str(f[0]) + encode_compact(f[1]) + encode_option_str(f[2])
        + encode_str_vec(f[3])))


def _encode_definition(definition: tuple[str, object]) -> bytes:
    kind, payload = definition
    if kind == "composite":
        return b"\x00" + _encode_fields(payload)  # type: ignore[arg-type]
    if kind == "variant":
        return b"\x01" + encode_vec(payload, lambda v: (  # type: ignore[arg-type]
            encode_str(v[0]) + _encode_fields(v[1]) + bytes((v[2],)) + encode_str_vec(v[3])))
    if kind == "sequence":
        return b"\x02" + encode_compact(payload)  # type: ignore[arg-type]
    if kind == "array":
        length, item = payload  # type: ignore[misc]
        return b"\x03" + length.to_bytes(4, "little") + encode_compact(item)
    if kind == "tuple":
        return b"\x04" + encode_vec(payload, encode_compact)  # type: ignore[arg-type]
    if kind == "primitive":
        return b"\x05" + bytes((PRIMITIVE_INDEX[payload],))  # type: ignore[index]
    if kind == "compact":
        return b"\x06" + encode_compact(payload)  # type: ignore[arg-type]
    raise TypeDefinitionError(f"unknown type definition kind {kind!r}")


def encode_portable_type(entry: PortableType) -> bytes:
    """``{id: Compact<u32>, type: {path, params, def, docs}}``."""
    params = encode_vec(entry.params,
                        lambda p: encode_str(p[0]) + encode_option(p[1], encode_compact))
    return (encode_compact(entry.id) + encode_str_vec(entry.path) + params
            + _encode_definition(entry.definition) + encode_str_vec(entry.docs))
