"""Balances (pallet index 5): accounts and balances of the native token, in rao.

## Overview

The pallet keeps each account's ``AccountData { free, reserved, frozen, flags }`` — on
subtensor inside ``System.Account`` (``AccountStore = System``) — and ``TotalIssuance``, and
offers transfers, root balance setting, burning and issuance adjustment as calls, plus the
fungible operations other pallets and the executive use (mint, burn, withdraw for fees,
deposit, resolve).

## Terminology

- **Existential deposit (ED)**: 500 rao. An account whose free balance is at least the ED
  holds a provider reference and exists.
- **Reaping an account**: when its free balance falls below the ED with nothing reserved, the
  account loses its provider reference and is removed from ``System.Account``
  (``System.KilledAccount``); a non-zero remainder is *dust* (``Balances.DustLost``), which on
  subtensor (``DustRemoval = ()``) leaves ``TotalIssuance`` without a further event.
- **Credit / debt**: an amount taken out of (or put into) accounts without changing
  ``TotalIssuance`` yet; dropping a credit burns it (issuance down), dropping a debt mints it
  (issuance up) — in pallet-balances 42.0.0 neither emits an event.

## Implementations

- :mod:`.pallet` — storage, events, errors and constants with the reference's indices;
- :mod:`.account` — ``try_mutate_account`` under the ED law, upgrades, dust;
- :mod:`.fungible` — ``fungible::{Inspect, Unbalanced, Mutate, Balanced}``;
- :mod:`.currency` — the ``Currency`` operations still in use (unreserve, deposit_creating);
- :mod:`.calls` — the dispatchables; :mod:`.genesis` — genesis build; :mod:`.weights`.

## Usage

Other pallets and the executive call the functions re-exported here, e.g.
``transfer(ext, a, b, amount, Preservation.Preserve)``, ``mint_into(ext, who, amount)``,
``withdraw(ext, who, fee, Precision.Exact, Preservation.Preserve, Fortitude.Polite)``. Every
function takes the ``Externalities`` first and raises ``DispatchError`` on failure.

## Genesis config

:func:`build_genesis` endows a list of ``(account, amount)``: ``TotalIssuance`` is their sum.

## Assumptions

``TotalIssuance`` equals the sum of all accounts' free + reserved balances; every change to
one is matched by the other except where a call defines otherwise (mint, burn,
force_set_balance, force_adjust_total_issuance, dust).
"""

from __future__ import annotations

from runtime.pallets.balances.account import (
    drop_credit,
    drop_debt,
    ensure_upgraded,
    mutate_account_handling_dust,
    total_balance,
    try_mutate_account,
)
from runtime.pallets.balances.calls import lookup
from runtime.pallets.balances.currency import deposit_creating, unreserve
from runtime.pallets.balances.fungible import (
    burn_from,
    can_deposit,
    can_withdraw,
    deposit,
    free_balance,
    issue,
    mint_into,
    reducible_balance,
    rescind,
    reserved_balance,
    resolve,
    resolve_or_burn,
    total_issuance,
    transfer,
    transferable_balance,
    withdraw,
)
from runtime.pallets.balances.genesis import GenesisConfigError, build_genesis
from runtime.pallets.balances.pallet import EXISTENTIAL_DEPOSIT, balances
from runtime.pallets.balances.types import Fortitude, Precision, Preservation, Provenance

__all__ = [
    "EXISTENTIAL_DEPOSIT", "Fortitude", "GenesisConfigError", "Precision", "Preservation",
    "Provenance", "balances", "build_genesis", "burn_from", "can_deposit", "can_withdraw",
    "deposit", "deposit_creating", "drop_credit", "drop_debt", "ensure_upgraded",
    "free_balance", "issue", "lookup", "mint_into", "mutate_account_handling_dust",
    "reducible_balance", "rescind", "reserved_balance", "resolve", "resolve_or_burn",
    "total_balance", "total_issuance",
    "transfer", "transferable_balance", "try_mutate_account", "unreserve", "withdraw",
]
