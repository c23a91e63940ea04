"""Account mutation under the existential-deposit law, over ``System.Account`` (subtensor's
``AccountStore = System``).

Mirrors ``Pallet::try_mutate_account`` / ``ensure_upgraded`` in ``substrate/frame/balances/src/
lib.rs`` and frame_system's ``StoredMap::try_mutate_exists``:

- an account is *new* when its ``AccountData`` equals the default (zero balances, new-logic
  flag);
- crossing the existential deposit adds or drops a provider reference, a non-zero reserved or
  frozen balance holds a consumer reference;
- an account whose free balance falls below the ED with nothing reserved keeps no data; a
  non-zero remainder is *dust* (``DustLost``), which the caller hands to
  :func:`handle_dust` — on subtensor (``DustRemoval = ()``) the dust credit is dropped, so it
  silently leaves ``TotalIssuance``;
- the data is written only while the account has providers or sufficients, else the
  ``System.Account`` entry is removed.

Account data is handled as a plain dict ``{"free", "reserved", "frozen", "flags"}``.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from typing import Any, TypeVar

from runtime.frame import system
from runtime.frame.dispatch import DispatchError
from runtime.frame.system import DEFAULT_ACCOUNT_INFO, NEW_LOGIC_FLAG, deposit_event
from runtime.pallets.balances.pallet import (
    EXISTENTIAL_DEPOSIT,
    U64_MAX,
    DustLost,
    Endowed,
    TotalIssuance,
    Upgraded,
)
from runtime.primitives.externalities import Externalities

R = TypeVar("R")
DEFAULT_DATA: dict[str, int] = dict(DEFAULT_ACCOUNT_INFO["data"])
MAX_CONSUMERS = 16
"""subtensor's ``frame_system::Config::MaxConsumers``."""
UNLIMITED_CONSUMERS = 0xFFFF_FFFF
"""``inc_consumers_without_limit``: a u32 reference count has no smaller bound."""


def account_data(ext: Externalities, who: bytes) -> dict[str, int]:
    """The ``AccountData`` of ``who`` as a fresh dict (the default for an absent account)."""
    return system.account_dict(ext, who)["data"]


def total_balance(ext: Externalities, who: bytes) -> int:
    """free + reserved (``AccountData::total``)."""
    data = account_data(ext, who)
    return data["free"] + data["reserved"]


def _store(ext: Externalities, who: bytes, data: dict[str, int] | None) -> None:
    """frame_system's ``StoredMap`` write: keep the data only while the account is referenced."""
    info = system.account_dict(ext, who)
    if info["providers"] > 0 or info["sufficients"] > 0:
        info["data"] = dict(DEFAULT_DATA) if data is None else data
        system.Account.insert(ext, who, info)
    else:
        system.Account.remove(ext, who)


def ensure_upgraded(ext: Externalities, who: bytes) -> bool:
    """Move ``who`` to the new reference-counting logic; True when it was upgraded (``Upgraded``).

    An old-logic account with a reserve and no frozen balance gets the consumer reference the
    new logic expects (and, defensively, a provider and an ED if it had none).
    """
    data = account_data(ext, who)
    if data["flags"] & NEW_LOGIC_FLAG:
        return False
    data["flags"] |= NEW_LOGIC_FLAG
    if data["reserved"] != 0 and data["frozen"] == 0:
        if system.account(ext, who).providers == 0:
            data["free"] = max(data["free"], EXISTENTIAL_DEPOSIT)
            system.inc_providers(ext, who)
        # Defensive in the reference: a provider was just ensured, so this cannot fail.
        with suppress(DispatchError):
            system.inc_consumers(ext, who, UNLIMITED_CONSUMERS)
    _store(ext, who, data)
    deposit_event(ext, Upgraded(who))
    return True


def _update_references(ext: Externalities, who: bytes, did: tuple[bool, bool],
                       does: tuple[bool, bool], force_consumer_bump: bool) -> None:
    did_provide, did_consume = did
    does_provide, does_consume = does
    if not did_provide and does_provide:
        system.inc_providers(ext, who)
    if did_consume and not does_consume:
        system.dec_consumers(ext, who)
    if not did_consume and does_consume:
        limit = UNLIMITED_CONSUMERS if force_consumer_bump else MAX_CONSUMERS
        system.inc_consumers(ext, who, limit)
    if does_consume and system.account(ext, who).consumers == 0:
        system.inc_consumers(ext, who)
    if did_provide and not does_provide:
        try:
            system.dec_providers(ext, who)
        except DispatchError:
            if did_consume and not does_consume:
                system.inc_consumers(ext, who)
            if not did_consume and does_consume:
                system.dec_consumers(ext, who)
            raise


def try_mutate_account(ext: Externalities, who: bytes,
                       f: Callable[[dict[str, int], bool], R],
                       force_consumer_bump: bool = False) -> tuple[R, int | None]:
    """Apply ``f(account, is_new)`` to ``who``'s data under the ED law; return (result, dust).

    ``f`` mutates the dict in place and may raise ``DispatchError`` (nothing of the account is
    then written). Emits ``Endowed`` for a new account and ``DustLost`` for dust; the caller must
    pass the dust to :func:`handle_dust` (as ``mutate_account_handling_dust`` does). Does NOT
    maintain ``TotalIssuance``.
    """
    ensure_upgraded(ext, who)
    account = account_data(ext, who)
    is_new = account == DEFAULT_DATA
    did_provide = account["free"] >= EXISTENTIAL_DEPOSIT
    did_consume = not is_new and (account["reserved"] != 0 or account["frozen"] != 0)
    result = f(account, is_new)
    does_provide = account["free"] >= EXISTENTIAL_DEPOSIT
    does_consume = account["reserved"] != 0 or account["frozen"] != 0
    _update_references(ext, who, (did_provide, did_consume), (does_provide, does_consume),
                       force_consumer_bump)
    dust: int | None = None
    if account["free"] < EXISTENTIAL_DEPOSIT and account["reserved"] == 0:
        dust = account["free"] or None
        _store(ext, who, None)
    else:
        _store(ext, who, account)
    if is_new:
        deposit_event(ext, Endowed(who, account["free"]))
    if dust is not None:
        deposit_event(ext, DustLost(who, dust))
    return result, dust


def mutate_account_handling_dust(ext: Externalities, who: bytes,
                                 f: Callable[[dict[str, int], bool], R],
                                 force_consumer_bump: bool = False) -> R:
    """:func:`try_mutate_account`, then the dust (if any) goes to :func:`handle_raw_dust`."""
    result, dust = try_mutate_account(ext, who, f, force_consumer_bump)
    if dust is not None:
        handle_raw_dust(ext, dust)
    return result


def handle_raw_dust(ext: Externalities, amount: int) -> None:
    """``Unbalanced::handle_raw_dust``: dust capped at ED - 1, then :func:`handle_dust`."""
    handle_dust(ext, min(amount, EXISTENTIAL_DEPOSIT - 1))


def handle_dust(ext: Externalities, amount: int) -> None:
    """subtensor's ``DustRemoval = ()``: the dust credit is dropped (:func:`drop_credit`)."""
    drop_credit(ext, amount)


def drop_credit(ext: Externalities, amount: int) -> None:
    """An unused ``Credit`` is dropped (``DecreaseIssuance``): ``TotalIssuance`` falls by it,
    saturating, with no event."""
    if amount:
        TotalIssuance.insert(ext, max(0, TotalIssuance.get(ext) - amount))


def drop_debt(ext: Externalities, amount: int) -> None:
    """An unused ``Debt`` is dropped (``IncreaseIssuance``): ``TotalIssuance`` rises by it,
    saturating, with no event."""
    if amount:
        TotalIssuance.insert(ext, min(U64_MAX, TotalIssuance.get(ext) + amount))


def mutate_data(update: Callable[[dict[str, int]], Any]
                ) -> Callable[[dict[str, int], bool], Any]:
    """Adapt an ``f(account)`` closure to the ``f(account, is_new)`` shape."""
    return lambda account, _is_new: update(account)
