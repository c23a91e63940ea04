"""SS58 addresses and the base58 alphabet they are written in (spec/substrate.md, keys).

An SS58 address is ``base58(prefix ‖ payload ‖ checksum)``. The prefix (network id) takes one byte
for ids 0..63 and two bytes for ids 64..16383 (the "simple" and "full" forms of Substrate); the
checksum is the first bytes of ``blake2b-512("SS58PRE" ‖ prefix ‖ payload)``: two bytes for 32- and
33-byte payloads (account ids, compressed ecdsa keys), one byte for the 1/2/4/8-byte account
indices. Ids 46 and 47 are reserved and refused, as Substrate refuses them.

Every failure raises :class:`SS58Error` (a ``ValueError``) whose message says which rule was broken:
the base58 alphabet, the length, the prefix, or the checksum.
"""

from __future__ import annotations

import hashlib
import re

BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_BASE58_INDEX = {char: index for index, char in enumerate(BASE58_ALPHABET)}
_SS58_CONTEXT = b"SS58PRE"

_HEX_DIGITS = re.compile(r"(?:[0-9a-fA-F]{2})*")

#: The generic Substrate network id, the one Bittensor addresses use.
SUBSTRATE_PREFIX = 42
MAX_PREFIX = 16383
RESERVED_PREFIXES = frozenset({46, 47})
ACCOUNT_ID_LENGTH = 32

# payload length -> checksum length, as Substrate's registry of address kinds defines them
_CHECKSUM_LENGTHS = {1: 1, 2: 1, 4: 1, 8: 1, 32: 2, 33: 2}

#: Names of a few network ids, as ``subkey`` shows them ("Network ID"); others show the number.
NETWORK_NAMES = {0: "polkadot", 2: "kusama", 42: "substrate", 13116: "bittensor"}


class Base58Error(ValueError):
    """A string is not valid base58 (a character outside the Bitcoin alphabet)."""


class SS58Error(ValueError):
    """An SS58 address or an account id is malformed; the message says what and where."""


def b58encode(data: bytes) -> str:
    """Base58 (Bitcoin alphabet) of ``data``; each leading zero byte becomes a leading ``1``."""
    zeros = len(data) - len(data.lstrip(b"\x00"))
    number = int.from_bytes(data, "big")
    digits = []
    while number:
        number, rem = divmod(number, 58)
        digits.append(BASE58_ALPHABET[rem])
    return "1" * zeros + "".join(reversed(digits))


def b58decode(text: str) -> bytes:
    """The bytes of a base58 string; raises :class:`Base58Error` naming the first bad character."""
    number = 0
    index = _BASE58_INDEX
    for position, char in enumerate(text):
        value = index.get(char)
        if value is None:
            raise Base58Error(f"invalid base58 character {char!r} at position {position}")
        number = number * 58 + value
    zeros = len(text) - len(text.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\x00" * zeros + body


def strict_unhex(text: str) -> bytes | None:
    """Bytes of an even-length run of hex digits (no ``0x``, no spaces), or None if it is not one.

    Unlike ``bytes.fromhex`` this refuses embedded whitespace, as Rust's hex decoders do.
    """
    if not _HEX_DIGITS.fullmatch(text):
        return None
    return bytes.fromhex(text)


def network_name(prefix: int) -> str:
    """The network id as ``subkey`` prints it: a registry name where known, else the number."""
    return NETWORK_NAMES.get(prefix, str(prefix))


def _check_prefix(prefix: int) -> None:
    if isinstance(prefix, bool) or not isinstance(prefix, int):
        raise SS58Error(f"SS58 prefix must be an int, got {type(prefix).__name__}")
    if not 0 <= prefix <= MAX_PREFIX:
        raise SS58Error(f"SS58 prefix {prefix} is out of range 0..{MAX_PREFIX}")
    if prefix in RESERVED_PREFIXES:
        raise SS58Error(f"SS58 prefix {prefix} is reserved")


def encode_prefix(prefix: int) -> bytes:
    """The one- or two-byte SS58 form of a network id (0..16383)."""
    _check_prefix(prefix)
    if prefix < 64:
        return bytes((prefix,))
    first = ((prefix & 0b1111_1100) >> 2) | 0b0100_0000
    second = (prefix >> 8) | ((prefix & 0b11) << 6)
    return bytes((first, second))


def _decode_prefix(data: bytes) -> tuple[int, int]:
    """(network id, prefix length) of raw SS58 bytes."""
    first = data[0]
    if first < 64:
        return first, 1
    if first < 128:
        if len(data) < 2:
            raise SS58Error("invalid SS58 length: address ends inside its two-byte prefix")
        lower = ((first << 2) | (data[1] >> 6)) & 0xFF
        upper = data[1] & 0b0011_1111
        return lower | (upper << 8), 2
    raise SS58Error(f"invalid SS58 prefix byte 0x{first:02x} (must be below 0x80)")


def ss58_checksum(prefixed_payload: bytes) -> bytes:
    """The 64-byte ``blake2b-512("SS58PRE" ‖ prefix ‖ payload)``; a checksum is its first bytes."""
    return hashlib.blake2b(_SS58_CONTEXT + prefixed_payload, digest_size=64).digest()


def ss58_encode(payload: bytes, prefix: int = SUBSTRATE_PREFIX) -> str:
    """The SS58 address of a public key / account id (32 bytes, or 1/2/4/8/33) under ``prefix``."""
    checksum_length = _CHECKSUM_LENGTHS.get(len(payload))
    if checksum_length is None:
        raise SS58Error(f"invalid SS58 payload length {len(payload)} "
                        f"(expected one of {sorted(_CHECKSUM_LENGTHS)})")
    body = encode_prefix(prefix) + bytes(payload)
    return b58encode(body + ss58_checksum(body)[:checksum_length])


def ss58_decode_with_prefix(address: str) -> tuple[int, bytes]:
    """(network id, payload) of an SS58 address of any allowed payload length."""
    if not isinstance(address, str):
        raise SS58Error(f"SS58 address must be a str, got {type(address).__name__}")
    try:
        data = b58decode(address)
    except Base58Error as exc:
        raise SS58Error(f"invalid SS58 address {address!r}: {exc}") from None
    if len(data) < 2:
        raise SS58Error(f"invalid SS58 length: {len(data)} bytes in {address!r}")
    prefix, prefix_length = _decode_prefix(data)
    rest = len(data) - prefix_length
    payload_length = next((n for n, c in _CHECKSUM_LENGTHS.items() if n + c == rest), None)
    if payload_length is None:
        raise SS58Error(f"invalid SS58 length: {len(data)} bytes in {address!r}")
    if prefix in RESERVED_PREFIXES:
        raise SS58Error(f"SS58 prefix {prefix} is reserved ({address!r})")
    split = prefix_length + payload_length
    if data[split:] != ss58_checksum(data[:split])[: rest - payload_length]:
        raise SS58Error(f"invalid SS58 checksum in {address!r}")
    return prefix, data[prefix_length:split]


def ss58_decode(address: str, expected_prefix: int | None = None,
                length: int = ACCOUNT_ID_LENGTH) -> bytes:
    """The ``length``-byte payload of an SS58 address, optionally insisting on its network id."""
    prefix, payload = ss58_decode_with_prefix(address)
    if len(payload) != length:
        raise SS58Error(f"invalid SS58 length: {address!r} holds {len(payload)} bytes, "
                        f"expected {length}")
    if expected_prefix is not None and prefix != expected_prefix:
        raise SS58Error(f"SS58 prefix {prefix} does not match expected {expected_prefix} "
                        f"({address!r})")
    return payload


def is_valid_ss58_address(address: str, expected_prefix: int | None = None) -> bool:
    """Whether ``address`` decodes to a 32-byte account id (under ``expected_prefix`` if given)."""
    try:
        ss58_decode(address, expected_prefix)
    except SS58Error:
        return False
    return True


def decode_account_id(value: str | bytes, expected_prefix: int | None = None) -> bytes:
    """A 32-byte account id from an SS58 address, a ``0x``-hex public key, or the raw bytes."""
    if isinstance(value, bytes | bytearray):
        if len(value) != ACCOUNT_ID_LENGTH:
            raise SS58Error(f"account id must be {ACCOUNT_ID_LENGTH} bytes, got {len(value)}")
        return bytes(value)
    if not isinstance(value, str):
        raise SS58Error(f"account id must be str or bytes, got {type(value).__name__}")
    if value[:2] in ("0x", "0X"):
        raw = strict_unhex(value[2:])
        if raw is None:
            raise SS58Error(f"invalid hex account id {value!r}")
        if len(raw) != ACCOUNT_ID_LENGTH:
            raise SS58Error(f"hex account id {value!r} is {len(raw)} bytes, "
                            f"expected {ACCOUNT_ID_LENGTH}")
        return raw
    return ss58_decode(value, expected_prefix)
