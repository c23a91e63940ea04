"""Genesis of the Balances pallet (``GenesisConfig::build`` in ``substrate/frame/balances/src/
lib.rs``)."""

from __future__ import annotations

from collections.abc import Sequence

from runtime.frame import system
from runtime.pallets.balances.account import DEFAULT_DATA
from runtime.pallets.balances.pallet import EXISTENTIAL_DEPOSIT, U64_MAX, TotalIssuance
from runtime.primitives.externalities import Externalities


class GenesisConfigError(ValueError):
    """The genesis balances are invalid (below the ED, duplicated, or overflowing u64)."""


def build_genesis(ext: Externalities, balances: Sequence[tuple[bytes, int]]) -> None:
    """Endow ``balances`` at genesis as pallet-balances does.

    ``TotalIssuance`` is set to the sum; every balance must reach the ED and no account may
    appear twice (``GenesisConfigError`` otherwise, where the reference panics); each account
    gets a provider reference (``System.NewAccount``, no Balances event) and its free balance.
    """
    total = sum(amount for _, amount in balances)
    if total > U64_MAX:
        raise GenesisConfigError("total issuance overflows u64")
    for who, amount in balances:
        if amount < EXISTENTIAL_DEPOSIT:
            raise GenesisConfigError(
                f"the balance of 0x{bytes(who).hex()} is below the existential deposit")
    if len({bytes(who) for who, _ in balances}) != len(balances):
        raise GenesisConfigError("duplicate balances in genesis")
    TotalIssuance.insert(ext, total)
    for who, amount in balances:
        account = bytes(who)
        system.inc_providers(ext, account)
        info = system.account_dict(ext, account)
        info["data"] = dict(DEFAULT_DATA, free=amount)
        system.Account.insert(ext, account, info)
