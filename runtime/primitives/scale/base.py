"""The type-object protocol of the SCALE codec and the scale-info style descriptors it exposes.

Every SCALE type is a value (an instance of a ``ScaleType`` subclass) declared once and used for
both directions: ``encode(value) -> bytes``, ``decode(data) -> value`` (strict: the whole input must
be consumed) and ``decode_from(data, offset) -> (value, new_offset)``.

Besides the codec, each type object carries what a scale-info registry (metadata V14/V15, see
spec/substrate.md §6) needs: ``path`` (e.g. ``("frame_system", "AccountInfo")``), ``params``
(generic type parameters), ``docs`` and ``type_def()`` — one of the ``*Def`` descriptors below,
mirroring scale-info's ``TypeDef`` (Composite, Variant, Sequence, Array, Tuple, Primitive, Compact).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, NamedTuple

from runtime.primitives.scale.errors import DecodeError, TypeDefinitionError

Buffer = bytes | bytearray | memoryview


class ScaleType(ABC):
    """A SCALE type: codec plus the scale-info description of the type.

    Attributes: ``name`` (display name used in errors, e.g. ``Vec<u16>``), ``path`` (scale-info
    path, empty for anonymous/primitive types), ``params`` (tuple of ``TypeParam``), ``docs`` (tuple
    of lines), ``min_size`` (smallest possible encoding in bytes, used to reject absurd length
    prefixes before allocating) and ``fixed_size`` (exact encoded size if every value has the same
    size, else ``None``).
    """

    __slots__ = ("docs", "fixed_size", "min_size", "name", "params", "path")

    def __init__(self, name: str, *, min_size: int, fixed_size: int | None = None,
                 path: tuple[str, ...] = (), params: tuple[TypeParam, ...] = (),
                 docs: tuple[str, ...] = ()) -> None:
        self.name = name
        self.min_size = min_size
        self.fixed_size = fixed_size
        self.path = tuple(path)
        self.params = tuple(params)
        self.docs = tuple(docs)

    @abstractmethod
    def encode(self, value: Any) -> bytes:
        """The SCALE encoding of ``value``; raises ``EncodeError`` if it does not fit the type."""

    @abstractmethod
    def decode_from(self, data: Buffer, offset: int = 0) -> tuple[Any, int]:
        """Decode one value starting at ``offset``; returns it with the offset just after it."""

    @abstractmethod
    def type_def(self) -> TypeDef:
        """The scale-info ``TypeDef`` descriptor of this type."""

    def decode(self, data: Buffer) -> Any:
        """Decode exactly one value from ``data``; trailing bytes are a ``DecodeError``."""
        value, end = self.decode_from(data, 0)
        if end != len(data):
            raise DecodeError(self.name, end, f"{len(data) - end} trailing byte(s) after the value")
        return value

    def ord_key(self, value: Any) -> Any:
        """A Python sort key that orders values like the Rust type's ``Ord`` (BTreeMap/BTreeSet)."""
        return value

    def registry_key(self) -> Hashable:
        """Structural identity for a scale-info registry (spec/substrate.md §6.4): path and
        parameters for named types, the full shape for anonymous sequences, arrays, tuples,
        compacts and primitives; an anonymous composite or variant type is only equal to itself.
        """
        if self.path:
            params = tuple((p.name, None if p.type is None else p.type.registry_key())
                           for p in self.params)
            return ("named", self.path, params)
        definition = self.type_def()
        if isinstance(definition, PrimitiveDef):
            return ("primitive", definition.name)
        if isinstance(definition, (SequenceDef, CompactDef)):
            return (type(definition).__name__, definition.type.registry_key())
        if isinstance(definition, ArrayDef):
            return ("array", definition.length, definition.type.registry_key())
        if isinstance(definition, TupleDef):
            return ("tuple", tuple(t.registry_key() for t in definition.types))
        return ("anonymous", id(self))

    def __repr__(self) -> str:
        return f"<SCALE {self.name}>"


@dataclass(frozen=True, slots=True)
class TypeParam:
    """A generic parameter of a type (scale-info ``TypeParameter``); ``type`` None if erased."""

    name: str
    type: ScaleType | None


@dataclass(frozen=True, slots=True)
class Field:
    """A field of a composite or of an enum variant (scale-info ``Field``).

    ``name`` is None for tuple-like fields; ``type_name`` is the Rust type as written in the source
    (e.g. ``"T::AccountId"``), used only by metadata.
    """

    name: str | None
    type: ScaleType
    type_name: str | None = None
    docs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Variant:
    """An enum variant: name, fields, explicit ``index`` (the encoded byte) and docs."""

    name: str
    fields: tuple[Field, ...]
    index: int
    docs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CompositeDef:
    """scale-info ``TypeDef::Composite``: a struct (or tuple struct) of fields."""

    fields: tuple[Field, ...]


@dataclass(frozen=True, slots=True)
class VariantDef:
    """scale-info ``TypeDef::Variant``: an enum."""

    variants: tuple[Variant, ...]


@dataclass(frozen=True, slots=True)
class SequenceDef:
    """scale-info ``TypeDef::Sequence``: ``Vec<T>``-like, compact length prefix."""

    type: ScaleType


@dataclass(frozen=True, slots=True)
class ArrayDef:
    """scale-info ``TypeDef::Array``: ``[T; length]``."""

    length: int
    type: ScaleType


@dataclass(frozen=True, slots=True)
class TupleDef:
    """scale-info ``TypeDef::Tuple``; the unit type ``()`` is the empty tuple."""

    types: tuple[ScaleType, ...]


@dataclass(frozen=True, slots=True)
class PrimitiveDef:
    """scale-info ``TypeDef::Primitive``: one of bool, char, str, u8..u256, i8..i256."""

    name: str


@dataclass(frozen=True, slots=True)
class CompactDef:
    """scale-info ``TypeDef::Compact``."""

    type: ScaleType


TypeDef = CompositeDef | VariantDef | SequenceDef | ArrayDef | TupleDef | PrimitiveDef | CompactDef


class EnumValue(NamedTuple):
    """A decoded enum value: the variant's name and its payload (None for a unit variant).

    It is a tuple, so ``EnumValue("Id", acct) == ("Id", acct)``; encoders accept either form.
    """

    variant: str
    value: Any = None


@dataclass(frozen=True, slots=True)
class Some:
    """``Some(value)`` made explicit: used for ``Option<T>`` when ``T`` itself can decode to None
    (``Option<Option<u32>>``, ``Option<()>``), so that ``Some(None)`` differs from ``None``."""

    value: Any


class Record(tuple):
    """Base of the generated value classes of structs: an immutable tuple with named fields.

    Unlike ``collections.namedtuple`` the field names may be Python keywords (``from`` is a real
    event field name); such fields are read with
    ``getattr(value, "from")`` or ``value._asdict()["from"]``.
    """

    __slots__ = ()
    _fields: tuple[str, ...] = ()

    def __new__(cls, *args: Any, **kwargs: Any) -> Record:
        """Build from positional values in field order and/or keyword values by field name."""
        if kwargs:
            args = _merge_keywords(cls, args, kwargs)
        if len(args) != len(cls._fields):
            raise TypeError(f"{cls.__name__} takes {len(cls._fields)} fields, got {len(args)}")
        return tuple.__new__(cls, args)

    @classmethod
    def _make(cls, values: Iterable[Any]) -> Record:
        """Build from an iterable of values in field order."""
        return cls(*values)

    def _asdict(self) -> dict[str, Any]:
        """The fields as a dict, in declaration order."""
        return dict(zip(self._fields, self, strict=True))

    def _replace(self, **changes: Any) -> Record:
        """A copy with some fields replaced."""
        values = self._asdict()
        for key, value in changes.items():
            if key not in values:
                raise TypeError(f"{type(self).__name__} has no field {key!r}")
            values[key] = value
        return tuple.__new__(type(self), tuple(values.values()))

    def __repr__(self) -> str:
        inner = ", ".join(f"{n}={v!r}" for n, v in zip(self._fields, self, strict=True))
        return f"{type(self).__name__}({inner})"


def _merge_keywords(cls: type[Record], args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple:
    names = cls._fields
    values = list(args) + [None] * (len(names) - len(args))
    seen = set(range(len(args)))
    for key, value in kwargs.items():
        if key not in names:
            raise TypeError(f"{cls.__name__} has no field {key!r}")
        index = names.index(key)
        if index in seen:
            raise TypeError(f"{cls.__name__} got field {key!r} twice")
        values[index] = value
        seen.add(index)
    if len(seen) != len(names):
        missing = [n for i, n in enumerate(names) if i not in seen]
        raise TypeError(f"{cls.__name__} is missing field(s) {', '.join(missing)}")
    return tuple(values)


def make_record_class(name: str, field_names: Iterable[str]) -> type[Record]:
    """A new ``Record`` subclass with one read-only attribute per field name."""
    names = tuple(field_names)
    if len(set(names)) != len(names):
        raise TypeDefinitionError(f"struct {name} has duplicate field names: {names}")
    namespace: dict[str, Any] = {"__slots__": (), "_fields": names}
    for index, field_name in enumerate(names):
        if not field_name.startswith("_") and field_name not in namespace:
            namespace[field_name] = property(itemgetter(index), doc=f"field {field_name}")
    class_name = name.rsplit("::", 1)[-1]
    class_name = class_name if class_name.isidentifier() else "Record"
    return type(class_name, (Record,), namespace)
