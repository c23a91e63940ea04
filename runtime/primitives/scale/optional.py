"""``Option<T>`` (and the one-byte ``Option<bool>``) and ``Lazy`` references for recursion."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any

from runtime.primitives.scale.base import (
    Buffer,
    Field,
    ScaleType,
    Some,
    TypeDef,
    TypeParam,
    Variant,
    VariantDef,
)
from runtime.primitives.scale.errors import DecodeError, EncodeError
from runtime.primitives.scale.ints import Bool
from runtime.primitives.scale.sequences import UnitType


class OptionType(ScaleType):
    """``Option<T>``: ``00`` = None, ``01`` ‖ T = Some.

    The value is None or the inner value. When the inner type can itself decode to None
    (``Option<Option<T>>``, ``Option<()>``) a present value decodes to ``Some(inner)`` so that
    ``Some(None)`` stays distinct from ``None``; encoders accept ``Some(x)`` for every Option.
    """

    __slots__ = ("_wrap", "inner")

    def __init__(self, inner: ScaleType) -> None:
        super().__init__(f"Option<{inner.name}>", min_size=1, path=("Option",),
                         params=(TypeParam("T", inner),))
        self.inner = inner
        self._wrap = _may_be_none(inner)

    def encode(self, value: Any) -> bytes:
        """``00`` for None, else ``01`` and the inner encoding."""
        if value is None:
            return b"\x00"
        if type(value) is Some:
            value = value.value
        elif self._wrap:
            raise EncodeError(self.name, f"wrap present values in Some(...), got {value!r}")
        try:
            return b"\x01" + self.inner.encode(value)
        except EncodeError as exc:
            raise EncodeError(self.name, str(exc)) from None

    def decode_from(self, data: Buffer, offset: int = 0) -> tuple[Any, int]:
        """Read the tag byte (0 or 1, anything else is a ``DecodeError``) and the inner value."""
        try:
            tag = data[offset]
        except IndexError:
            raise DecodeError(self.name, offset, "input ends before the option tag") from None
        if tag == 0:
            return None, offset + 1
        if tag != 1:
            raise DecodeError(self.name, offset, f"invalid option tag 0x{tag:02x}")
        value, end = self.inner.decode_from(data, offset + 1)
        return (Some(value) if self._wrap else value), end

    def type_def(self) -> TypeDef:
        """``Variant(None = 0, Some(T) = 1)``."""
        return _option_def(self.inner)

    def ord_key(self, value: Any) -> Any:
        """``None < Some(_)``, then the inner order."""
        if value is None:
            return (0,)
        return (1, self.inner.ord_key(value.value if type(value) is Some else value))


class OptionBoolType(ScaleType):
    """``Option<bool>``: ONE byte, ``00`` None, ``01`` Some(true), ``02`` Some(false)."""

    __slots__ = ()
    _DECODED = (None, True, False)

    def __init__(self) -> None:
        super().__init__("Option<bool>", min_size=1, fixed_size=1, path=("Option",),
                         params=(TypeParam("T", Bool),))

    def encode(self, value: Any) -> bytes:
        """One byte."""
        if type(value) is Some:
            value = value.value
        if value is None or value is True or value is False:
            return b"\x00" if value is None else b"\x01" if value else b"\x02"
        raise EncodeError(self.name, f"expected None, True or False, got {value!r}")

    def decode_from(self, data: Buffer, offset: int = 0) -> tuple[bool | None, int]:
        """One byte: 0, 1 or 2."""
        try:
            byte = data[offset]
        except IndexError:
            raise DecodeError(self.name, offset, "input ends before the byte") from None
        if byte > 2:
            raise DecodeError(self.name, offset, f"invalid Option<bool> byte 0x{byte:02x}")
        return self._DECODED[byte], offset + 1

    def type_def(self) -> TypeDef:
        """Same descriptor as any ``Option<T>``."""
        return _option_def(Bool)

    def ord_key(self, value: Any) -> Any:
        """``None < Some(false) < Some(true)``."""
        return (0,) if value is None else (1, value)


def _option_def(inner: ScaleType) -> VariantDef:
    return VariantDef((Variant("None", (), 0), Variant("Some", (Field(None, inner),), 1)))


def _may_be_none(inner: ScaleType) -> bool:
    """Whether a value of ``inner`` can be None (then present values need ``Some``)."""
    if isinstance(inner, (OptionType, OptionBoolType, UnitType)):
        return True
    kind = getattr(inner, "kind", None)
    if kind == "newtype":
        return _may_be_none(inner.fields[0].type)  # type: ignore[attr-defined]
    return kind == "unit"


class LazyType(ScaleType):
    """A reference to a type declared later, for recursive types (``RuntimeCall`` inside
    ``Utility.batch``). Decoding through it is limited to ``max_depth`` nested levels per thread
    (Substrate uses 256 for calls). Metadata walkers must call ``resolve()``."""

    __slots__ = ("_local", "_resolver", "_target", "max_depth")

    def __init__(self, name: str, resolver: Callable[[], ScaleType], *, min_size: int = 1,
                 max_depth: int = 256) -> None:
        super().__init__(name, min_size=min_size)
        self._resolver = resolver
        self._target: ScaleType | None = None
        self._local = threading.local()
        self.max_depth = max_depth

    def resolve(self) -> ScaleType:
        """The referenced type (resolved once, on first use)."""
        if self._target is None:
            self._target = self._resolver()
        return self._target

    def encode(self, value: Any) -> bytes:
        """Encode with the referenced type."""
        return self.resolve().encode(value)

    def decode_from(self, data: Buffer, offset: int = 0) -> tuple[Any, int]:
        """Decode with the referenced type, refusing nesting deeper than ``max_depth``."""
        depth = getattr(self._local, "depth", 0)
        if depth >= self.max_depth:
            raise DecodeError(self.name, offset, f"nested deeper than {self.max_depth} levels")
        self._local.depth = depth + 1
        try:
            return self.resolve().decode_from(data, offset)
        finally:
            self._local.depth = depth

    def type_def(self) -> TypeDef:
        """The referenced type's descriptor."""
        return self.resolve().type_def()

    def ord_key(self, value: Any) -> Any:
        """The referenced type's order."""
        return self.resolve().ord_key(value)

    def registry_key(self) -> Hashable:
        """The referenced type's identity (a reference is not a type of its own)."""
        return self.resolve().registry_key()


_OPTION_CACHE: dict[int, ScaleType] = {}
OptionBool = OptionBoolType()


def Option(inner: ScaleType) -> ScaleType:
    """``Option<inner>``; ``Option(Bool)`` is the one-byte ``OptionBool``."""
    if inner is Bool:
        return OptionBool
    cached = _OPTION_CACHE.get(id(inner))
    if cached is None or cached.inner is not inner:  # type: ignore[attr-defined]
        cached = _OPTION_CACHE[id(inner)] = OptionType(inner)
    return cached


def Lazy(name: str, resolver: Callable[[], ScaleType], **kwargs: Any) -> LazyType:
    """A forward reference: ``Lazy("RuntimeCall", lambda: RuntimeCall)``."""
    return LazyType(name, resolver, **kwargs)

