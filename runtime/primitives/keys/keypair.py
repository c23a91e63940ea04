"""Key pairs of either scheme, built from seeds, mnemonics or secret URIs (``//Alice``).

``keypair_from_uri`` resolves a URI exactly as Substrate's ``Pair::from_string_with_seed``: the
phrase (or the dev phrase when absent) and password give the root seed, or a ``0x`` phrase *is*
the 32-byte seed (its password then ignored); the junctions are applied in order. ``Keypair.seed``
is the seed ``subkey`` prints as "Secret seed": known for the root and after hard junctions,
``None`` after an sr25519 soft junction (and ever after, as in Substrate).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from functools import cache

from runtime.primitives import ss58
from runtime.primitives.keys import schemes
from runtime.primitives.keys.errors import DerivationError, KeyFormatError, SecretUriError
from runtime.primitives.keys.junctions import DeriveJunction, parse_secret_uri
from runtime.primitives.keys.mnemonic import mini_secret_from_mnemonic

#: Substrate's well-known development phrase (``sp_core::crypto::DEV_PHRASE``).
DEV_PHRASE = "bottom drive obey lake curtain smoke basket hold race lonely fit walk"


class CryptoScheme(Enum):
    """A signature scheme; the value is its name as the CLI and chain specs write it."""

    ED25519 = "ed25519"
    SR25519 = "sr25519"

    @property
    def multi_signature_index(self) -> int:
        """The variant index in ``MultiSignature``/``MultiSigner`` (= bittensor's crypto_type)."""
        return 0 if self is CryptoScheme.ED25519 else 1

    @classmethod
    def parse(cls, name: str | CryptoScheme) -> CryptoScheme:
        """The scheme named ``name`` (case-insensitive)."""
        if isinstance(name, CryptoScheme):
            return name
        try:
            return cls(str(name).lower())
        except ValueError:
            raise KeyFormatError(f"unknown crypto scheme {name!r} (expected sr25519 or ed25519)"
                                 ) from None


@dataclass(frozen=True, slots=True)
class Keypair:
    """A key pair: ``public_key`` (= the account id), the secret, and the seed when known.

    ``secret_key`` is the 64-byte schnorrkel secret (scalar ‖ nonce) for sr25519 and the 32-byte
    seed for ed25519. Two key pairs are equal when scheme and public key are: an sr25519 soft
    derivation draws a fresh secret nonce each time, so its ``secret_key`` bytes differ between
    runs while the key (and every signature's validity) is the same.
    """

    scheme: CryptoScheme
    public_key: bytes
    secret_key: bytes = field(repr=False, compare=False)
    seed: bytes | None = field(default=None, repr=False, compare=False)

    @property
    def crypto_type(self) -> CryptoScheme:
        """The scheme (alias for ``scheme``)."""
        return self.scheme

    @property
    def account_id(self) -> bytes:
        """The 32-byte AccountId32: for sr25519 and ed25519 the public key itself."""
        return self.public_key

    @property
    def ss58_address(self) -> str:
        """The SS58 address under the generic Substrate prefix 42 (what Bittensor shows)."""
        return ss58.ss58_encode(self.public_key, ss58.SUBSTRATE_PREFIX)

    def ss58_address_with_prefix(self, prefix: int) -> str:
        """The SS58 address under another network id."""
        return ss58.ss58_encode(self.public_key, prefix)

    def sign(self, message: bytes) -> bytes:
        """A 64-byte signature of ``message`` (sr25519 with context "substrate", or ed25519)."""
        if self.scheme is CryptoScheme.SR25519:
            return schemes.sr25519_sign(self.public_key, self.secret_key, message)
        return schemes.ed25519_sign(self.secret_key, message)

    def verify(self, message: bytes, signature: bytes) -> bool:
        """Whether ``signature`` is this key's valid signature of ``message``."""
        return verify(self.scheme, signature, message, self.public_key)

    @classmethod
    def from_uri(cls, uri: str, scheme: CryptoScheme | str = CryptoScheme.SR25519,
                 password: str | None = None) -> Keypair:
        """The key pair of a secret URI (see :func:`keypair_from_uri`)."""
        return keypair_from_uri(uri, scheme, password)

    @classmethod
    def from_seed(cls, seed: bytes, scheme: CryptoScheme | str = CryptoScheme.SR25519) -> Keypair:
        """The key pair of a 32-byte seed (see :func:`keypair_from_seed`)."""
        return keypair_from_seed(seed, scheme)

    @classmethod
    def from_mnemonic(cls, phrase: str, scheme: CryptoScheme | str = CryptoScheme.SR25519,
                      password: str = "") -> Keypair:
        """The root key pair of a BIP-39 phrase (see :func:`keypair_from_mnemonic`)."""
        return keypair_from_mnemonic(phrase, scheme, password)

    def derive(self, junctions: Iterable[DeriveJunction]) -> Keypair:
        """The key pair at ``junctions`` below this one."""
        keypair = self
        for junction in junctions:
            keypair = _derive_one(keypair, junction)
        return keypair


def verify(scheme: CryptoScheme | str, signature: bytes, message: bytes, public_key: bytes) -> bool:
    """Whether ``signature`` signs ``message`` for ``public_key``; never raises on bad input."""
    try:
        scheme = CryptoScheme.parse(scheme)
    except KeyFormatError:
        return False
    if scheme is CryptoScheme.SR25519:
        return schemes.sr25519_verify(signature, message, public_key)
    return schemes.ed25519_verify(signature, message, public_key)


def keypair_from_seed(seed: bytes, scheme: CryptoScheme | str = CryptoScheme.SR25519) -> Keypair:
    """The key pair of a 32-byte seed (an sr25519 mini secret, or an ed25519 secret key)."""
    scheme = CryptoScheme.parse(scheme)
    if scheme is CryptoScheme.SR25519:
        public, secret = schemes.sr25519_pair_from_seed(seed)
        return Keypair(scheme, public, secret, bytes(seed))
    public = schemes.ed25519_public_from_seed(seed)
    return Keypair(scheme, public, bytes(seed), bytes(seed))


def keypair_from_mnemonic(phrase: str, scheme: CryptoScheme | str = CryptoScheme.SR25519,
                          password: str = "") -> Keypair:
    """The root key pair of a BIP-39 phrase (and optional password), no derivation."""
    return keypair_from_seed(mini_secret_from_mnemonic(phrase, password), scheme)


def _root_from_phrase(phrase: str, password: str | None, scheme: CryptoScheme) -> Keypair:
    if phrase.startswith("0x"):
        seed = ss58.strict_unhex(phrase[2:])
        if seed is None:
            raise SecretUriError(f"invalid seed: {phrase[:6]}… is not hex")
        if len(seed) != schemes.SEED_LENGTH:
            raise SecretUriError(f"invalid seed: {len(seed)} bytes, expected "
                                 f"{schemes.SEED_LENGTH}")
        return keypair_from_seed(seed, scheme)
    if phrase == DEV_PHRASE and not password:
        return keypair_from_seed(_dev_mini_secret(), scheme)
    return keypair_from_mnemonic(phrase, scheme, password or "")


@cache
def _dev_mini_secret() -> bytes:
    """The dev phrase's seed, computed once: ``//Alice`` and friends skip the 2048 PBKDF2 rounds."""
    return mini_secret_from_mnemonic(DEV_PHRASE)


def keypair_from_uri(uri: str, scheme: CryptoScheme | str = CryptoScheme.SR25519,
                     password: str | None = None) -> Keypair:
    """The key pair of a secret URI; ``password`` overrides a ``///password`` in the URI."""
    scheme = CryptoScheme.parse(scheme)
    parsed = parse_secret_uri(uri)
    phrase = DEV_PHRASE if parsed.phrase is None else parsed.phrase
    root = _root_from_phrase(phrase, password if password is not None else parsed.password,
                             scheme)
    return root.derive(parsed.junctions)


def _derive_one(keypair: Keypair, junction: DeriveJunction) -> Keypair:
    code = junction.chain_code
    if keypair.scheme is CryptoScheme.ED25519:
        if not junction.hard:
            raise DerivationError("ed25519 supports hard derivation only: soft junction "
                                  "'/…' in the path (use '//…')")
        child_seed = schemes.ed25519_hard_derive_seed(keypair.secret_key, code)
        return keypair_from_seed(child_seed, CryptoScheme.ED25519)
    if junction.hard:
        child_seed = schemes.sr25519_hard_derive_seed(keypair.secret_key, code)
        child = keypair_from_seed(child_seed, CryptoScheme.SR25519)
        return child if keypair.seed is not None else Keypair(
            child.scheme, child.public_key, child.secret_key, None)
    public, secret = schemes.sr25519_soft_derive(keypair.public_key, keypair.secret_key, code)
    return Keypair(CryptoScheme.SR25519, public, secret, None)


def derive_public(public_key: bytes, junctions: Iterable[DeriveJunction]) -> bytes:
    """An sr25519 public key soft-derived along ``junctions`` (hard ones are impossible)."""
    for junction in junctions:
        if junction.hard:
            raise DerivationError("a public key can only be derived along soft junctions")
        public_key = schemes.sr25519_soft_derive_public(public_key, junction.chain_code)
    return public_key
