"""Small SCALE writers for the metadata structures (strings, vectors, options, compacts)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from runtime.primitives.scale import encode_compact

T = TypeVar("T")


def encode_str(text: str) -> bytes:
    """``String``: compact byte length then UTF-8."""
    raw = text.encode("utf-8")
    return encode_compact(len(raw)) + raw


def encode_bytes(data: bytes) -> bytes:
    """``Vec<u8>``: compact length then the bytes."""
    return encode_compact(len(data)) + bytes(data)


def encode_vec(items: Iterable[T], encode_item: Callable[[T], bytes]) -> bytes:
    """``Vec<T>``: compact count then each item's encoding."""
    parts = [encode_item(item) for item in items]
    return encode_compact(len(parts)) + b"".join(parts)


def encode_str_vec(items: Iterable[str]) -> bytes:
    """``Vec<String>`` (paths and docs)."""
    return encode_vec(items, encode_str)


def encode_option(value: T | None, encode_value: Callable[[T], bytes]) -> bytes:
    """``Option<T>``: ``00`` for None, else ``01`` and the value."""
    return b"\x00" if value is None else b"\x01" + encode_value(value)


def encode_option_str(value: str | None) -> bytes:
    """``Option<String>``."""
    return encode_option(value, encode_str)
