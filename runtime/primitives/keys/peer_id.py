"""libp2p peer ids of ed25519 node keys (spec/substrate.md §7.1).

A node key is a 32-byte ed25519 secret (seed). A peer id of an ed25519 key is the *identity*
multihash of the protobuf-encoded public key:
``00 24 ‖ 08 01 12 20 ‖ key[32]`` (multihash code 0 = identity, length 36; protobuf field 1 KeyType
= 1 Ed25519, field 2 = 32 bytes of key), written in base58btc — hence the ``12D3KooW…`` look.
"""

from __future__ import annotations

from runtime.primitives.keys import schemes
from runtime.primitives.keys.errors import KeyFormatError
from runtime.primitives.ss58 import Base58Error, b58decode, b58encode, strict_unhex

_ED25519_PEER_ID_HEADER = bytes.fromhex("002408011220")


def peer_id_bytes(ed25519_public: bytes) -> bytes:
    """The 38 multihash bytes of the peer id of an ed25519 public key."""
    if not isinstance(ed25519_public, bytes | bytearray) or len(ed25519_public) != 32:
        raise KeyFormatError("a peer id needs a 32-byte ed25519 public key")
    return _ED25519_PEER_ID_HEADER + bytes(ed25519_public)


def peer_id_from_public(ed25519_public: bytes) -> str:
    """The base58 peer id (``12D3KooW…``) of an ed25519 public key."""
    return b58encode(peer_id_bytes(ed25519_public))


def peer_id_from_seed(seed: bytes) -> str:
    """The peer id of the ed25519 node key with this 32-byte secret seed."""
    return peer_id_from_public(schemes.ed25519_public_from_seed(seed))


def public_from_peer_id(peer_id: str) -> bytes:
    """The ed25519 public key inside a base58 peer id; other key types are refused."""
    try:
        raw = b58decode(peer_id)
    except Base58Error as exc:
        raise KeyFormatError(f"invalid peer id {peer_id!r}: {exc}") from None
    if len(raw) != 38 or not raw.startswith(_ED25519_PEER_ID_HEADER):
        raise KeyFormatError(f"peer id {peer_id!r} is not an identity multihash of an "
                             "ed25519 key")
    return raw[6:]


def node_key_from_file_bytes(data: bytes) -> bytes:
    """The secret of a ``--node-key-file``, by Substrate's rule (``sc-network`` config).

    Exactly 64 characters of hex (no ``0x``, no newline) are decoded; anything else must be the
    32 raw bytes (the form Substrate writes to ``network/secret_ed25519``).
    """
    if len(data) == 64:
        try:
            decoded = strict_unhex(data.decode("ascii"))
        except UnicodeDecodeError:
            decoded = None
        if decoded is not None:
            return decoded
    if len(data) != 32:
        raise KeyFormatError(f"node key file must hold 64 hex characters or 32 raw bytes, "
                             f"got {len(data)} bytes")
    return bytes(data)


def node_key_from_hex(text: str) -> bytes:
    """The secret of a ``--node-key`` value: 32 bytes of hex, ``0x`` optional."""
    secret = strict_unhex(text.strip().removeprefix("0x"))
    if secret is None:
        raise KeyFormatError("node key is not hex")
    if len(secret) != 32:
        raise KeyFormatError(f"node key must be 32 bytes, got {len(secret)}")
    return secret
