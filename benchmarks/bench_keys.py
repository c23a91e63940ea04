"""Key rates: sr25519 sign/verify, ed25519 verify (pynacl vs zebra), SS58, URI derivation.

Baselines: ed25519 — pynacl (libsodium, strict RFC 8032) against ed25519-zebra, which the runtime
uses; SS58 — scalecodec's pure-Python codec (base58 package) against ours; hard derivation — the
sr25519 binding's own ``hard_derive_keypair`` against our Merlin seed + ``pair_from_seed``.
"""

from __future__ import annotations

import sr25519
from nacl.exceptions import BadSignatureError
from nacl.signing import SigningKey, VerifyKey
from scalecodec.utils.ss58 import ss58_decode as scalecodec_ss58_decode
from scalecodec.utils.ss58 import ss58_encode as scalecodec_ss58_encode

from benchmarks.harness import Row, per_second
from runtime.primitives import ss58
from runtime.primitives.keys import CryptoScheme, keypair_from_seed, keypair_from_uri, verify
from runtime.primitives.keys.junctions import DeriveJunction
from runtime.primitives.keys.schemes import sr25519_hard_derive_seed

MESSAGE = bytes(range(116))  # the size of a subtensor transfer's signing payload


def _nacl_verify(key: VerifyKey, message: bytes, signature: bytes) -> bool:
    try:
        key.verify(message, signature)
    except BadSignatureError:
        return False
    return True


def _sr25519_rows() -> list[Row]:
    alice = keypair_from_uri("//Alice")
    signature = alice.sign(MESSAGE)
    if not verify("sr25519", signature, MESSAGE, alice.public_key):
        raise RuntimeError("sr25519 benchmark signature does not verify")
    return [
        Row("keys", "sr25519 sign", per_second(lambda: alice.sign(MESSAGE)), "ops/s"),
        Row("keys", "sr25519 verify", per_second(
            lambda: verify("sr25519", signature, MESSAGE, alice.public_key)), "ops/s"),
    ]


def _ed25519_rows() -> list[Row]:
    key = keypair_from_uri("//Alice", CryptoScheme.ED25519)
    signature = key.sign(MESSAGE)
    nacl_key = VerifyKey(key.public_key)
    nacl_signer = SigningKey(key.secret_key)
    if not (_nacl_verify(nacl_key, MESSAGE, signature)
            and verify("ed25519", signature, MESSAGE, key.public_key)):
        raise RuntimeError("ed25519 benchmark signature does not verify")
    return [
        Row("keys", "ed25519 verify, pynacl", per_second(
            lambda: _nacl_verify(nacl_key, MESSAGE, signature)), "ops/s"),
        Row("keys", "ed25519 verify, zebra (ours)", per_second(
            lambda: verify("ed25519", signature, MESSAGE, key.public_key)), "ops/s",
            baseline="ed25519 verify, pynacl"),
        Row("keys", "ed25519 sign, pynacl", per_second(
            lambda: nacl_signer.sign(MESSAGE)), "ops/s"),
        Row("keys", "ed25519 sign, zebra (ours)", per_second(lambda: key.sign(MESSAGE)),
            "ops/s", baseline="ed25519 sign, pynacl"),
    ]


def _ss58_rows() -> list[Row]:
    public = keypair_from_uri("//Bob").public_key
    address = ss58.ss58_encode(public)
    if scalecodec_ss58_encode(public, 42) != address:
        raise RuntimeError("SS58 encoders disagree")
    return [
        Row("keys", "SS58 encode, scalecodec", per_second(
            lambda: scalecodec_ss58_encode(public, 42)), "ops/s"),
        Row("keys", "SS58 encode (ours)", per_second(lambda: ss58.ss58_encode(public)), "ops/s",
            baseline="SS58 encode, scalecodec"),
        Row("keys", "SS58 decode, scalecodec", per_second(
            lambda: scalecodec_ss58_decode(address, 42)), "ops/s"),
        Row("keys", "SS58 decode (ours)", per_second(lambda: ss58.ss58_decode(address, 42)),
            "ops/s", baseline="SS58 decode, scalecodec"),
    ]


def _derivation_rows() -> list[Row]:
    root = keypair_from_seed(bytes(range(32)))
    chain_code = DeriveJunction.from_text("Alice", True).chain_code
    public, secret = root.public_key, root.secret_key

    def ours() -> bytes:
        return keypair_from_seed(sr25519_hard_derive_seed(secret, chain_code)).public_key

    def binding() -> bytes:
        return sr25519.hard_derive_keypair((chain_code, public, secret), b"")[1]

    if ours() != bytes(binding()):
        raise RuntimeError("hard derivations disagree")
    return [
        Row("keys", "sr25519 hard derive, binding", per_second(binding), "ops/s"),
        Row("keys", "sr25519 hard derive, Merlin seed + pair_from_seed (ours)",
            per_second(ours), "ops/s", baseline="sr25519 hard derive, binding",
            note="pure-Python Keccak; gives the seed subkey prints"),
        Row("keys", "keypair_from_uri('//Alice')", per_second(
            lambda: keypair_from_uri("//Alice"), min_time=0.5), "ops/s",
            note="includes BIP-39 PBKDF2 (2048 rounds)"),
    ]


def run() -> list[Row]:
    """Measure and return the key rows."""
    return _sr25519_rows() + _ed25519_rows() + _ss58_rows() + _derivation_rows()
