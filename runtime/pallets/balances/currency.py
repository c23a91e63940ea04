"""The (deprecated but still used) ``Currency`` family operations subtensor's pallets and the
Balances calls rely on: unreserve, deposit_creating, raw free-balance writes.

Mirrors ``substrate/frame/balances/src/impl_currency.rs``.
"""

from __future__ import annotations

from runtime.frame.dispatch import DispatchError
from runtime.frame.system import deposit_event
from runtime.pallets.balances.account import (
    mutate_account_handling_dust,
    mutate_data,
    total_balance,
)
from runtime.pallets.balances.pallet import (
    EXISTENTIAL_DEPOSIT,
    U64_MAX,
    Deposit,
    ExistentialDeposit,
    Issued,
    TotalIssuance,
    Unreserved,
)
from runtime.primitives.externalities import Externalities


def mutate_free_handling_dust(ext: Externalities, who: bytes, new_free: int) -> int:
    """Write ``who``'s free balance (no issuance change); returns the old free balance."""

    def _update(account: dict[str, int]) -> int:
        old = account["free"]
        account["free"] = new_free
        return old

    return mutate_account_handling_dust(ext, who, mutate_data(_update))


def unreserve(ext: Externalities, who: bytes, value: int) -> int:
    """``ReservableCurrency::unreserve``: move up to ``value`` from reserved to free.

    Returns the part of ``value`` that could not be unreserved; emits ``Unreserved``.
    """
    if value == 0:
        return 0
    if total_balance(ext, who) == 0:
        return value

    def _update(account: dict[str, int]) -> int:
        actual = min(account["reserved"], value)
        account["reserved"] -= actual
        account["free"] = min(U64_MAX, account["free"] + actual)
        return actual

    try:
        actual = mutate_account_handling_dust(ext, who, mutate_data(_update))
    except DispatchError:
        return value
    deposit_event(ext, Unreserved(who, actual))
    return value - actual


def deposit_creating(ext: Externalities, who: bytes, value: int) -> int:
    """``Currency::deposit_creating`` followed by dropping the positive imbalance.

    Adds ``value`` to ``who`` (creating it when ``value`` reaches the ED), emits ``Deposit``,
    then raises ``TotalIssuance`` by the amount actually deposited with ``Issued`` — what a
    caller that lets the imbalance drop gets. Returns the amount deposited (0 when refused).
    """
    if value == 0:
        return 0

    def _update(account: dict[str, int], is_new: bool) -> int:
        if value < EXISTENTIAL_DEPOSIT and is_new:
            raise ExistentialDeposit()
        if account["free"] + value > U64_MAX:
            return 0
        account["free"] += value
        deposit_event(ext, Deposit(who, value))
        return value

    try:
        deposited = mutate_account_handling_dust(ext, who, _update)
    except DispatchError:
        return 0
    if deposited:
        TotalIssuance.insert(ext, min(U64_MAX, TotalIssuance.get(ext) + deposited))
        deposit_event(ext, Issued(deposited))
    return deposited
