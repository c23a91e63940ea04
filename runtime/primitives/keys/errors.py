"""The exceptions of the keys package; all are ``ValueError`` subclasses with precise messages."""

from __future__ import annotations


class KeyringError(ValueError):
    """Base class: a key, seed, phrase, path or URI is unusable."""


class SecretUriError(KeyringError):
    """A secret URI (``<phrase|0xseed>[/soft|//hard…][///password]``) is malformed."""


class MnemonicError(KeyringError):
    """A BIP-39 phrase is invalid (unknown word, bad checksum, bad word count)."""


class DerivationError(KeyringError):
    """A derivation path cannot be applied (e.g. a soft junction on an ed25519 key)."""


class KeyFormatError(KeyringError):
    """A seed, public key, secret key or peer id has the wrong length or encoding."""
