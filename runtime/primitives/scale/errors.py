"""Exceptions of the SCALE codec: each names the type and, when decoding, the byte offset."""

from __future__ import annotations


class ScaleError(Exception):
    """Base class of every SCALE codec error."""


class DecodeError(ScaleError):
    """Input bytes are not a valid encoding of the expected type.

    ``type_name`` is the type being decoded and ``offset`` the byte position where decoding failed.
    """

    def __init__(self, type_name: str, offset: int, reason: str) -> None:
        super().__init__(f"cannot decode {type_name} at byte {offset}: {reason}")
        self.type_name = type_name
        self.offset = offset
        self.reason = reason


class EncodeError(ScaleError):
    """A value cannot be encoded as the requested type (out of range, wrong shape, wrong kind)."""

    def __init__(self, type_name: str, reason: str) -> None:
        super().__init__(f"cannot encode {type_name}: {reason}")
        self.type_name = type_name
        self.reason = reason


class TypeDefinitionError(ScaleError):
    """A type object was declared inconsistently (duplicate variant index, bad length, ...)."""
