"""Keys and accounts: sr25519 and ed25519 key pairs, secret URIs, BIP-39, dev accounts, peer ids.

Pure and deterministic (no entropy, no I/O): fresh keys are made by the node, which draws the
entropy and passes seeds or phrases in. SS58 addresses live in :mod:`runtime.primitives.ss58`.
"""

from __future__ import annotations

from runtime.primitives.keys.dev import (
    DEV_ACCOUNT_NAMES,
    DEV_ACCOUNTS,
    LOCALNET_ACCOUNT_NAMES,
    LOCALNET_ACCOUNTS,
    DevAccount,
    derived_accounts,
    dev_account,
)
from runtime.primitives.keys.errors import (
    DerivationError,
    KeyFormatError,
    KeyringError,
    MnemonicError,
    SecretUriError,
)
from runtime.primitives.keys.junctions import DeriveJunction, SecretUri, parse_secret_uri
from runtime.primitives.keys.keypair import (
    DEV_PHRASE,
    CryptoScheme,
    Keypair,
    derive_public,
    keypair_from_mnemonic,
    keypair_from_seed,
    keypair_from_uri,
    verify,
)
from runtime.primitives.keys.mnemonic import (
    check_mnemonic,
    is_valid_mnemonic,
    mini_secret_from_mnemonic,
    mnemonic_from_entropy,
)
from runtime.primitives.keys.peer_id import (
    node_key_from_file_bytes,
    node_key_from_hex,
    peer_id_bytes,
    peer_id_from_public,
    peer_id_from_seed,
    public_from_peer_id,
)

__all__ = [
    "DEV_ACCOUNTS",
    "DEV_ACCOUNT_NAMES",
    "DEV_PHRASE",
    "LOCALNET_ACCOUNTS",
    "LOCALNET_ACCOUNT_NAMES",
    "CryptoScheme",
    "DerivationError",
    "DeriveJunction",
    "DevAccount",
    "KeyFormatError",
    "Keypair",
    "KeyringError",
    "MnemonicError",
    "SecretUri",
    "SecretUriError",
    "check_mnemonic",
    "derive_public",
    "derived_accounts",
    "dev_account",
    "is_valid_mnemonic",
    "keypair_from_mnemonic",
    "keypair_from_seed",
    "keypair_from_uri",
    "mini_secret_from_mnemonic",
    "mnemonic_from_entropy",
    "node_key_from_file_bytes",
    "node_key_from_hex",
    "parse_secret_uri",
    "peer_id_bytes",
    "peer_id_from_public",
    "peer_id_from_seed",
    "public_from_peer_id",
    "verify",
]
