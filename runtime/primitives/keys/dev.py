"""The well-known development accounts of Substrate: Alice, Bob, Charlie, Dave, Eve, Ferdie.

Each is derived from the dev phrase with a hard junction of its name: the sr25519 account key
``//Name`` (what genesis endows and what signs dev transactions), the ed25519 key ``//Name`` (its
GRANDPA key in dev/local chains) and the sr25519 stash ``//Name//stash``. Alice's sr25519 account is
``5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY``.

The keys are derived on first use and cached (about 2 ms per account).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache

from runtime.primitives.keys.errors import KeyringError
from runtime.primitives.keys.keypair import CryptoScheme, Keypair, keypair_from_uri

DEV_ACCOUNT_NAMES = ("Alice", "Bob", "Charlie", "Dave", "Eve", "Ferdie")


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
    """The development account called ``name`` (one of :data:`DEV_ACCOUNT_NAMES`)."""
    if name not in DEV_ACCOUNT_NAMES:
        raise KeyringError(f"unknown dev account {name!r} (expected one of "
                           f"{', '.join(DEV_ACCOUNT_NAMES)})")
    return DevAccount(
        name=name,
        sr25519=keypair_from_uri(f"//{name}", CryptoScheme.SR25519),
        ed25519=keypair_from_uri(f"//{name}", CryptoScheme.ED25519),
        stash=keypair_from_uri(f"//{name}//stash", CryptoScheme.SR25519),
    )


class _DevAccounts(Mapping[str, DevAccount]):
    """A read-only mapping name -> :class:`DevAccount`, in Substrate's order, built lazily."""

    def __getitem__(self, name: str) -> DevAccount:
        if name not in DEV_ACCOUNT_NAMES:
            raise KeyError(name)
        return dev_account(name)

    def __iter__(self) -> Iterator[str]:
        return iter(DEV_ACCOUNT_NAMES)

    def __len__(self) -> int:
        return len(DEV_ACCOUNT_NAMES)

    def __repr__(self) -> str:
        return f"DEV_ACCOUNTS({', '.join(DEV_ACCOUNT_NAMES)})"


#: Alice..Ferdie, iterated in Substrate's order: ``DEV_ACCOUNTS["Alice"].sr25519.public_key``.
DEV_ACCOUNTS: Mapping[str, DevAccount] = _DevAccounts()
