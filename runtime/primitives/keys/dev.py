"""The well-known development accounts: Substrate's Alice..Ferdie, subtensor's One/Two/Three.

Each is derived from the dev phrase with a hard junction of its name: the sr25519 account key
``//Name`` (what genesis endows and what signs dev transactions), the ed25519 key ``//Name`` (its
GRANDPA key in dev/local chains) and the sr25519 stash ``//Name//stash``. Alice's sr25519 account is
``5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY``.

Subtensor's localnet adds One, Two and Three (its Aura/GRANDPA authorities ``//One`` …), derived the
same way; :data:`LOCALNET_ACCOUNTS` lists all nine in that chain spec's order. Bulk accounts
``//Sender/0``, ``//Sender/1`` … (pallet-balances' benchmark style) come from
:func:`derived_accounts`, which derives the hard base once and each index softly.

The keys are derived on first use and cached (about 3 ms per account).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache

from runtime.primitives.keys.errors import KeyringError
from runtime.primitives.keys.junctions import DeriveJunction
from runtime.primitives.keys.keypair import CryptoScheme, Keypair, keypair_from_uri

DEV_ACCOUNT_NAMES = ("Alice", "Bob", "Charlie", "Dave", "Eve", "Ferdie")
LOCALNET_AUTHORITY_NAMES = ("One", "Two", "Three")
LOCALNET_ACCOUNT_NAMES = DEV_ACCOUNT_NAMES + LOCALNET_AUTHORITY_NAMES


@dataclass(frozen=True, slots=True)
class DevAccount:
    """One development identity: its sr25519 account, ed25519 key and sr25519 stash."""

    name: str
    sr25519: Keypair
    ed25519: Keypair
    stash: Keypair

    @property
    def uri(self) -> str:
        """The secret URI of the account key (``//Name``)."""
        return f"//{self.name}"

    @property
    def account_id(self) -> bytes:
        """The 32-byte account id of the sr25519 account key."""
        return self.sr25519.public_key

    @property
    def ss58_address(self) -> str:
        """The SS58 address (prefix 42) of the sr25519 account key."""
        return self.sr25519.ss58_address


@cache
def dev_account(name: str) -> DevAccount:
    """The development account called ``name`` (one of :data:`LOCALNET_ACCOUNT_NAMES`)."""
    if name not in LOCALNET_ACCOUNT_NAMES:
        raise KeyringError(f"unknown dev account {name!r} (expected one of "
                           f"{', '.join(LOCALNET_ACCOUNT_NAMES)})")
    return DevAccount(
        name=name,
        sr25519=keypair_from_uri(f"//{name}", CryptoScheme.SR25519),
        ed25519=keypair_from_uri(f"//{name}", CryptoScheme.ED25519),
        stash=keypair_from_uri(f"//{name}//stash", CryptoScheme.SR25519),
    )


class _DevAccounts(Mapping[str, DevAccount]):
    """A read-only mapping name -> :class:`DevAccount` over fixed names, built lazily."""

    def __init__(self, names: tuple[str, ...]) -> None:
        self._names = names

    def __getitem__(self, name: str) -> DevAccount:
        if name not in self._names:
            raise KeyError(name)
        return dev_account(name)

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def __repr__(self) -> str:
        return f"DevAccounts({', '.join(self._names)})"


#: Alice..Ferdie, iterated in Substrate's order: ``DEV_ACCOUNTS["Alice"].sr25519.public_key``.
DEV_ACCOUNTS: Mapping[str, DevAccount] = _DevAccounts(DEV_ACCOUNT_NAMES)
#: Alice..Ferdie then One, Two, Three, as subtensor's localnet chain spec lists them.
LOCALNET_ACCOUNTS: Mapping[str, DevAccount] = _DevAccounts(LOCALNET_ACCOUNT_NAMES)


def derived_accounts(count: int, base_uri: str = "//Sender",
                     scheme: CryptoScheme = CryptoScheme.SR25519) -> list[Keypair]:
    """``count`` key pairs ``<base_uri>/0`` … ``<base_uri>/<count-1>`` (soft index junctions).

    The base is derived once; each account costs one soft derivation. For ed25519, which has no
    soft derivation, the indices are hard junctions (``//0`` …).
    """
    if count < 0:
        raise KeyringError(f"account count must be non-negative, got {count}")
    base = keypair_from_uri(base_uri, scheme)
    hard = scheme is CryptoScheme.ED25519
    return [base.derive((DeriveJunction.from_index(i, hard),)) for i in range(count)]
