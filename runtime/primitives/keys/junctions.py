"""Derivation junctions and secret URIs, parsed exactly as Substrate's ``sp_core`` parses them.

A secret URI is ``[phrase][/soft | //hard]*[///password]``:

* the phrase is the longest leading run of ASCII letters, digits and spaces; when absent the
  well-known development phrase is meant (so ``//Alice`` is the dev phrase + ``//Alice``);
  a phrase starting ``0x`` is a hex seed instead of a BIP-39 mnemonic;
* ``//x`` is a hard junction and ``/x`` a soft one; ``x`` runs up to the next ``/`` and may hold any
  character except ``/``;
* ``///`` starts the password, which runs to the end (a newline is refused); it feeds the BIP-39
  seed derivation and is ignored for hex seeds.

A junction's chain code comes from its SCALE encoding: a decimal number (``+`` allowed, leading
zeros allowed, below 2**64) encodes as u64, anything else as a SCALE string (compact length ‖
UTF-8).
Encodings of up to 32 bytes are right-padded with zeros; longer ones are replaced by their
blake2b-256 hash.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from runtime.primitives.keys.errors import SecretUriError

CHAIN_CODE_LENGTH = 32
_U64_TEXT = re.compile(r"\+?[0-9]+")
_U64_MAX = (1 << 64) - 1


def scale_compact(value: int) -> bytes:
    """SCALE ``Compact<u128>`` encoding of a non-negative integer (used for string lengths)."""
    if value < 0:
        raise ValueError(f"compact encoding needs a non-negative integer, got {value}")
    if value < 1 << 6:
        return bytes((value << 2,))
    if value < 1 << 14:
        return ((value << 2) | 0b01).to_bytes(2, "little")
    if value < 1 << 30:
        return ((value << 2) | 0b10).to_bytes(4, "little")
    length = (value.bit_length() + 7) // 8
    return bytes((((length - 4) << 2) | 0b11,)) + value.to_bytes(length, "little")


def scale_str(text: str) -> bytes:
    """SCALE encoding of a string: compact byte length followed by the UTF-8 bytes."""
    raw = text.encode("utf-8")
    return scale_compact(len(raw)) + raw


def chain_code_from_encoded(encoded: bytes) -> bytes:
    """The 32-byte chain code of an encoded junction value: zero-padded, or hashed if too long."""
    if len(encoded) > CHAIN_CODE_LENGTH:
        return hashlib.blake2b(encoded, digest_size=32).digest()
    return encoded + bytes(CHAIN_CODE_LENGTH - len(encoded))


@dataclass(frozen=True, slots=True)
class DeriveJunction:
    """One step of a derivation path: a 32-byte chain code, hard or soft."""

    chain_code: bytes
    hard: bool

    @classmethod
    def from_text(cls, code: str, hard: bool) -> DeriveJunction:
        """The junction ``code`` as written in a URI (without its slashes)."""
        if _U64_TEXT.fullmatch(code) and int(code) <= _U64_MAX:
            encoded = int(code).to_bytes(8, "little")
        else:
            encoded = scale_str(code)
        return cls(chain_code_from_encoded(encoded), hard)

    @classmethod
    def from_index(cls, index: int, hard: bool) -> DeriveJunction:
        """The junction of a u64 index (as ``DeriveJunction::soft(n: u64)``)."""
        if not 0 <= index <= _U64_MAX:
            raise SecretUriError(f"junction index {index} is outside u64")
        return cls(chain_code_from_encoded(index.to_bytes(8, "little")), hard)


@dataclass(frozen=True, slots=True)
class SecretUri:
    """A parsed secret URI. ``phrase`` is None when the URI starts with a path or password."""

    phrase: str | None
    junctions: tuple[DeriveJunction, ...]
    password: str | None
    paths: tuple[str, ...]


def _is_phrase_char(char: str) -> bool:
    return char == " " or (char.isascii() and char.isalnum())


def _invalid(uri: str, position: int, what: str) -> SecretUriError:
    return SecretUriError(f"invalid secret URI: {what} at position {position} of {uri!r}")


def parse_secret_uri(uri: str) -> SecretUri:
    """Split a secret URI into phrase, junctions and password (Substrate's ``AddressUri`` rules)."""
    if not isinstance(uri, str):
        raise SecretUriError(f"secret URI must be a str, got {type(uri).__name__}")
    end = len(uri)
    pos = 0
    while pos < end and _is_phrase_char(uri[pos]):
        pos += 1
    phrase = uri[:pos] or None
    password: str | None = None
    paths: list[str] = []
    while pos < end:
        if uri.startswith("///", pos):
            stop = uri.find("\n", pos + 3)
            stop = end if stop < 0 else stop
            password, pos = uri[pos + 3:stop], stop
        elif uri.startswith("/", pos):
            hard = uri.startswith("//", pos)
            start = pos + (2 if hard else 1)
            stop = uri.find("/", start)
            stop = end if stop < 0 else stop
            if stop == start:
                kind = "hard" if hard else "soft"
                raise _invalid(uri, start, f"empty {kind} junction")
            paths.append(("/" if hard else "") + uri[start:stop])
            pos = stop
        else:
            where = "character in password" if password is not None else "character in phrase"
            raise _invalid(uri, pos, f"invalid {where} {uri[pos]!r}")
    junctions = tuple(DeriveJunction.from_text(p[1:], True) if p.startswith("/")
                      else DeriveJunction.from_text(p, False) for p in paths)
    return SecretUri(phrase, junctions, password, tuple(paths))
