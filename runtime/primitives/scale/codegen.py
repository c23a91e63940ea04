"""Compiles the encoder and decoder of a struct into straight-line Python functions.

Consecutive fields with a fixed byte layout (integers up to 128 bits, ``[u8; N]``, and nested
structs made only of those) are packed and unpacked with ONE precompiled ``struct.Struct`` call;
every other field calls its own type's codec. The generated source only contains identifiers made up
here (field values travel through the function's globals, never through the source text), so
user-supplied names cannot inject code. A failing fast encode (wrong type, out of range, wrong
length) falls back to the struct's field-by-field encoder, which raises the precise ``EncodeError``
naming the field.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from runtime.primitives.scale.base import Record
from runtime.primitives.scale.errors import DecodeError, EncodeError

_M64 = "0xFFFFFFFFFFFFFFFF"


class _Fallback(Exception):
    """Raised inside a generated encoder to hand the value to the precise slow path."""


_RETRY = (struct.error, TypeError, ValueError, OverflowError, EncodeError, _Fallback)


@dataclass
class _Writer:
    """Accumulates generated lines and the globals they refer to."""

    namespace: dict[str, Any] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)
    counter: int = 0

    def name(self, prefix: str, obj: Any = None) -> str:
        self.counter += 1
        ident = f"_{prefix}{self.counter}"
        if obj is not None:
            self.namespace[ident] = obj
        return ident

    def emit(self, indent: int, line: str) -> None:
        self.lines.append("    " * indent + line)


def fixed_format(scale_type: Any) -> str | None:
    """The ``struct`` format (without byte order) of a fixed-layout type, else None."""
    code = getattr(scale_type, "struct_code", None)
    if code is not None:
        return code
    from runtime.primitives.scale.sequences import ByteArrayType

    if isinstance(scale_type, ByteArrayType):
        return f"{scale_type.length}s"
    fields = getattr(scale_type, "fields", None)
    if fields is None or getattr(scale_type, "kind", None) is None or not fields:
        return None
    parts = [fixed_format(f.type) for f in fields]
    return None if None in parts else "".join(parts)  # type: ignore[arg-type]


def _arity(fmt: str) -> int:
    """How many Python values ``struct`` produces for a generated format."""
    packer = struct.Struct("<" + fmt)
    return len(packer.unpack(bytes(packer.size)))


def _build(w: _Writer, scale_type: Any, names: list[str]) -> str:
    """Expression rebuilding a fixed-layout value from its unpacked items (consumed from names)."""
    code = getattr(scale_type, "struct_code", None)
    if code is not None and len(code) == 2:
        low, high = names.pop(0), names.pop(0)
        return f"({low} | ({high} << 64))"
    if code is not None or not hasattr(scale_type, "fields"):
        return names.pop(0)
    parts = [_build(w, f.type, names) for f in scale_type.fields]
    return _construct(w, scale_type, parts)


def _construct(w: _Writer, scale_type: Any, parts: list[str]) -> str:
    kind = scale_type.kind
    if kind == "unit":
        return "None"
    if kind == "newtype":
        return parts[0]
    if kind == "tuple":
        return "(" + ", ".join(parts) + ",)"
    cls = w.name("cls", scale_type.value_class)
    if issubclass(scale_type.value_class, Record):
        return f"_tnew({cls}, (" + ", ".join(parts) + ",))"
    return f"{cls}(" + ", ".join(parts) + ")"


def _split(w: _Writer, scale_type: Any, expr: str, indent: int) -> list[str]:
    """Pack arguments for a fixed-layout value held in the local ``expr`` (may emit lines)."""
    code = getattr(scale_type, "struct_code", None)
    if code is not None:
        return [expr] if len(code) == 1 else [f"{expr} & {_M64}", f"{expr} >> 64"]
    if not hasattr(scale_type, "fields"):
        length = scale_type.length
        w.emit(indent, f"if _len({expr}) != {length}: raise _Fallback")
        return [expr]
    if scale_type.kind == "newtype":
        return _split(w, scale_type.fields[0].type, expr, indent)
    names = [w.name("t") for _ in scale_type.fields]
    _destructure(w, scale_type, expr, names, indent)
    args: list[str] = []
    for name, f in zip(names, scale_type.fields, strict=True):
        args.extend(_split(w, f.type, name, indent))
    return args


def _destructure(w: _Writer, scale_type: Any, expr: str, names: list[str], indent: int) -> None:
    target = ", ".join(names) + ","
    adaptor = w.name("fields", scale_type.field_values)
    if scale_type.kind == "record" and issubclass(scale_type.value_class, Record):
        cls = w.name("cls", scale_type.value_class)
        w.emit(indent, f"if type({expr}) is {cls}: {target} = {expr}")
        w.emit(indent, f"else: {target} = {adaptor}({expr})")
    else:
        w.emit(indent, f"{target} = {adaptor}({expr})")


def _runs(fields: tuple[Any, ...]) -> list[tuple[str | None, list[int]]]:
    """Group field indices into runs of fixed-layout fields (format) and single other fields."""
    runs: list[tuple[str | None, list[int]]] = []
    for i, f in enumerate(fields):
        fmt = fixed_format(f.type)
        if fmt is not None and runs and runs[-1][0] is not None:
            runs[-1] = (runs[-1][0] + fmt, [*runs[-1][1], i])
        else:
            runs.append((fmt, [i]))
    return runs


def compile_decoder(struct_type: Any) -> Callable[..., tuple[Any, int]]:
    """A ``decode_from(data, offset=0)`` function specialised for ``struct_type``."""
    w = _Writer(namespace={"_tnew": tuple.__new__, "_struct_error": struct.error,
                           "_short": _short_error(struct_type.name)})
    w.emit(0, "def decode_from(data, offset=0):")
    built: list[str] = []
    for fmt, indices in _runs(struct_type.fields):
        if fmt is None:
            index = indices[0]
            dec = w.name("dec", struct_type.fields[index].type.decode_from)
            value = w.name("v")
            w.emit(1, f"{value}, offset = {dec}(data, offset)")
            built.append(value)
            continue
        packer = struct.Struct("<" + fmt)
        unpack = w.name("unpack", packer.unpack_from)
        names = [w.name("a") for _ in range(_arity(fmt))]
        w.emit(1, "try:")
        w.emit(2, f"{', '.join(names)}, = {unpack}(data, offset)")
        w.emit(1, "except _struct_error:")
        w.emit(2, f"raise _short(data, offset, {packer.size}) from None")
        w.emit(1, f"offset += {packer.size}")
        for index in indices:
            built.append(_build(w, struct_type.fields[index].type, names))
    w.emit(1, f"return {_construct(w, struct_type, built)}, offset")
    return _compile(w, "decode_from")


def compile_whole_decoder(struct_type: Any) -> Callable[[Any], Any] | None:
    """For a struct that is one fixed-layout run: a ``decode(data)`` that checks the length once
    and unpacks without the offset bookkeeping (None for other structs). Wrong lengths go to the
    general path, which raises the precise ``DecodeError``."""
    runs = _runs(struct_type.fields)
    if len(runs) != 1 or runs[0][0] is None:
        return None
    fmt, indices = runs[0]
    packer = struct.Struct("<" + fmt)
    w = _Writer(namespace={"_tnew": tuple.__new__, "_len": len,
                           "_general": struct_type.decode_general})
    unpack = w.name("unpack", packer.unpack_from)
    names = [w.name("a") for _ in range(_arity(fmt))]
    w.emit(0, "def decode(data):")
    w.emit(1, f"if _len(data) != {packer.size}: return _general(data)")
    w.emit(1, f"{', '.join(names)}, = {unpack}(data, 0)")
    built = [_build(w, struct_type.fields[index].type, names) for index in indices]
    w.emit(1, f"return {_construct(w, struct_type, built)}")
    return _compile(w, "decode")


def compile_encoder(struct_type: Any, slow: Callable[[Any], bytes]) -> Callable[[Any], bytes]:
    """An ``encode(value)`` function specialised for ``struct_type``; ``slow`` reports errors."""
    w = _Writer(namespace={"_slow": slow, "_RETRY": _RETRY, "_Fallback": _Fallback, "_len": len})
    w.emit(0, "def encode(value):")
    fields = struct_type.fields
    locals_ = [w.name("f") for _ in fields]
    kind = struct_type.kind
    if kind == "unit":
        w.emit(1, "return _slow(value)")
        return _compile(w, "encode")
    if kind == "newtype":
        w.emit(1, f"{locals_[0]} = value")
    else:
        _destructure(w, struct_type, "value", locals_, 1)
    w.emit(1, "try:")
    parts: list[str] = []
    for fmt, indices in _runs(fields):
        if fmt is None:
            enc = w.name("enc", fields[indices[0]].type.encode)
            parts.append(f"{enc}({locals_[indices[0]]})")
            continue
        pack = w.name("pack", struct.Struct("<" + fmt).pack)
        args: list[str] = []
        for index in indices:
            args.extend(_split(w, fields[index].type, locals_[index], 2))
        parts.append(f"{pack}({', '.join(args)})")
    joined = " + ".join(parts) if len(parts) <= 3 else "b''.join((" + ", ".join(parts) + ",))"
    w.emit(2, f"return {joined}")
    w.emit(1, "except _RETRY:")
    w.emit(2, "return _slow(value)")
    return _compile(w, "encode")


def _compile(w: _Writer, function_name: str) -> Callable[..., Any]:
    source = "\n".join(w.lines) + "\n"
    code = compile(source, f"<scale codegen {function_name}>", "exec")
    exec(code, w.namespace)
    return w.namespace[function_name]


def _short_error(type_name: str) -> Callable[[Any, int, int], DecodeError]:
    def short(data: Any, offset: int, size: int) -> DecodeError:
        left = max(len(data) - offset, 0)
        return DecodeError(type_name, offset, f"needs {size} bytes for fixed fields, {left} left")

    return short
