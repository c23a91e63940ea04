"""The two signature schemes: sr25519 (accounts, Aura) and ed25519 (GRANDPA, libp2p node keys).

Low-level, byte-oriented functions over the Rust bindings:

* sr25519 — schnorrkel over Ristretto25519 with signing context ``"substrate"``
  (py-sr25519-bindings). A key pair is (32-byte public, 64-byte secret = scalar ‖ nonce); a seed
  ("mini secret") expands to it in schnorrkel's Ed25519 mode. Signatures are randomised.
* ed25519 — RFC 8032 keys from a 32-byte seed; signing and verification follow ed25519-zebra, the
  rules Substrate's runtime applies (py-ed25519-zebra-bindings). Signatures are deterministic.

Hard derivation (spec/substrate.md; vectors ``keys_and_addresses``):

* sr25519: the child seed is schnorrkel's ``hard_derive_mini_secret_key(chain_code, "")`` of the
  parent secret (see :mod:`.merlin`); soft derivation is schnorrkel's ``derived_key_simple`` and has
  no seed (its secret nonce is random by design, its public key and scalar are deterministic).
* ed25519: ``seed_child = blake2_256(SCALE("Ed25519HDKD") ‖ seed_parent ‖ chain_code)``; there is
  no soft derivation.

``verify`` functions never raise: any malformed signature or key gives ``False``.
"""

from __future__ import annotations

import hashlib

import ed25519_zebra
import sr25519

from runtime.primitives.keys.errors import KeyFormatError
from runtime.primitives.keys.merlin import sr25519_hard_derive_mini_secret

SEED_LENGTH = 32
PUBLIC_KEY_LENGTH = 32
SIGNATURE_LENGTH = 64
SR25519_SECRET_LENGTH = 64
_ED25519_HDKD_PREFIX = b"\x2cEd25519HDKD"  # SCALE("Ed25519HDKD"): compact length 11, then bytes


def _require_bytes(value: object, length: int, what: str) -> bytes:
    if not isinstance(value, bytes | bytearray | memoryview):
        raise KeyFormatError(f"{what} must be bytes, got {type(value).__name__}")
    raw = bytes(value)
    if len(raw) != length:
        raise KeyFormatError(f"{what} must be {length} bytes, got {len(raw)}")
    return raw


def _is_bytes_of(value: object, length: int) -> bool:
    return isinstance(value, bytes | bytearray | memoryview) and len(value) == length


# -- sr25519 ---------------------------------------------------------------------------------------

def sr25519_pair_from_seed(seed: bytes) -> tuple[bytes, bytes]:
    """(public key, 64-byte secret key) of a 32-byte sr25519 seed (mini secret)."""
    public, secret = sr25519.pair_from_seed(_require_bytes(seed, SEED_LENGTH, "sr25519 seed"))
    return bytes(public), bytes(secret)


def sr25519_hard_derive_seed(secret: bytes, chain_code: bytes) -> bytes:
    """The seed of the hard child ``chain_code`` of the sr25519 key with this 64-byte secret."""
    secret = _require_bytes(secret, SR25519_SECRET_LENGTH, "sr25519 secret key")
    chain_code = _require_bytes(chain_code, 32, "chain code")
    return sr25519_hard_derive_mini_secret(secret[:32], chain_code)


def sr25519_soft_derive(public: bytes, secret: bytes, chain_code: bytes) -> tuple[bytes, bytes]:
    """(public, secret) of the soft child ``chain_code`` of an sr25519 key pair."""
    extended = (_require_bytes(chain_code, 32, "chain code"),
                _require_bytes(public, PUBLIC_KEY_LENGTH, "sr25519 public key"),
                _require_bytes(secret, SR25519_SECRET_LENGTH, "sr25519 secret key"))
    _, child_public, child_secret = sr25519.derive_keypair(extended, b"")
    return bytes(child_public), bytes(child_secret)


def sr25519_soft_derive_public(public: bytes, chain_code: bytes) -> bytes:
    """The public key of the soft child ``chain_code`` of an sr25519 public key."""
    extended = (_require_bytes(chain_code, 32, "chain code"),
                _require_bytes(public, PUBLIC_KEY_LENGTH, "sr25519 public key"))
    try:
        _, child_public = sr25519.derive_pubkey(extended, b"")
    except ValueError as exc:
        raise KeyFormatError(f"sr25519 public key is not a valid curve point: {exc}") from None
    return bytes(child_public)


def sr25519_sign(public: bytes, secret: bytes, message: bytes) -> bytes:
    """A 64-byte sr25519 signature (context ``"substrate"``) of ``message``."""
    keypair = (_require_bytes(public, PUBLIC_KEY_LENGTH, "sr25519 public key"),
               _require_bytes(secret, SR25519_SECRET_LENGTH, "sr25519 secret key"))
    return bytes(sr25519.sign(keypair, bytes(message)))


def sr25519_verify(signature: bytes, message: bytes, public: bytes) -> bool:
    """Whether ``signature`` is a valid sr25519 signature of ``message`` by ``public``."""
    if not (_is_bytes_of(signature, SIGNATURE_LENGTH) and _is_bytes_of(public, PUBLIC_KEY_LENGTH)
            and isinstance(message, bytes | bytearray | memoryview)):
        return False
    try:
        return bool(sr25519.verify(bytes(signature), bytes(message), bytes(public)))
    except ValueError:  # not a schnorrkel signature, or not a curve point
        return False


# -- ed25519 ---------------------------------------------------------------------------------------

def ed25519_public_from_seed(seed: bytes) -> bytes:
    """The public key of a 32-byte ed25519 seed (secret key)."""
    _, public = ed25519_zebra.ed_from_seed(_require_bytes(seed, SEED_LENGTH, "ed25519 seed"))
    return bytes(public)


def ed25519_hard_derive_seed(seed: bytes, chain_code: bytes) -> bytes:
    """The seed of the hard child ``chain_code`` of an ed25519 seed (Substrate's Ed25519HDKD)."""
    data = (_ED25519_HDKD_PREFIX + _require_bytes(seed, SEED_LENGTH, "ed25519 seed")
            + _require_bytes(chain_code, 32, "chain code"))
    return hashlib.blake2b(data, digest_size=32).digest()


def ed25519_sign(seed: bytes, message: bytes) -> bytes:
    """A 64-byte ed25519 signature of ``message`` by the key of ``seed``."""
    return bytes(ed25519_zebra.ed_sign(_require_bytes(seed, SEED_LENGTH, "ed25519 seed"),
                                       bytes(message)))


def ed25519_verify(signature: bytes, message: bytes, public: bytes) -> bool:
    """Whether ``signature`` is a valid ed25519 signature (zebra rules) of ``message``."""
    if not (_is_bytes_of(signature, SIGNATURE_LENGTH) and _is_bytes_of(public, PUBLIC_KEY_LENGTH)
            and isinstance(message, bytes | bytearray | memoryview)):
        return False
    try:
        return bool(ed25519_zebra.ed_verify(bytes(signature), bytes(message), bytes(public)))
    except ValueError:
        return False
