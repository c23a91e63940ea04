"""The dispatchable calls of the Balances pallet (``substrate/frame/balances/src/lib.rs``).

Every call follows one recipe: origin check, argument lookup (``AccountIdLookup``: only
``MultiAddress::Id`` resolves, anything else is ``CannotLookup``), the effect through the
fungible/currency helpers, then events. Spec: spec/subtensor.md §6.2.
"""

from __future__ import annotations

from typing import Any

from runtime.frame.dispatch import DispatchError, Pays, ensure_root, ensure_signed
from runtime.frame.system import deposit_event
from runtime.pallets.balances import weights
from runtime.pallets.balances.account import ensure_upgraded
from runtime.pallets.balances.currency import mutate_free_handling_dust, unreserve
from runtime.pallets.balances.fungible import burn_from, reducible_balance, transfer
from runtime.pallets.balances.pallet import (
    EXISTENTIAL_DEPOSIT,
    U64_MAX,
    BalanceSet,
    DeltaZero,
    InactiveIssuance,
    IssuanceDeactivated,
    Issued,
    Rescinded,
    TotalIssuance,
    TotalIssuanceForced,
    balances,
)
from runtime.pallets.balances.types import (
    AdjustmentDirection,
    Fortitude,
    Precision,
    Preservation,
)
from runtime.pallets.utility.post_dispatch import PostDispatchInfo
from runtime.primitives.externalities import Externalities
from runtime.primitives.scale import U64, Bool, Compact, Vec
from runtime.primitives.scale.common import AccountId32, MultiAddress

_LOOKUP = "AccountIdLookupOf<T>"
_BALANCE = "T::Balance"


def lookup(address: Any) -> bytes:
    """``AccountIdLookup::lookup``: the account of ``MultiAddress::Id``; else ``CannotLookup``."""
    variant, value = address
    if variant != "Id":
        raise DispatchError("CannotLookup")
    return bytes(value)


@balances.call(0, [("dest", MultiAddress, _LOOKUP), ("value", Compact(U64), _BALANCE)],
               weight=weights.TRANSFER_ALLOW_DEATH)
def transfer_allow_death(ext: Externalities, origin: Any, dest: Any, value: int) -> None:
    """Transfer some liquid free balance to another account; the sender may be reaped.

    Origin: Signed. Checks: ``dest`` resolves (CannotLookup); then ``fungible::transfer`` with
    ``Expendable``: can_withdraw (FundsUnavailable, Frozen, OnlyProvider, Arithmetic) and
    can_deposit (BelowMinimum, Overflow). Effects: free balances move; the sender may be reaped
    (its dust burned). Events: Endowed/NewAccount for a new dest, DustLost/KilledAccount for a
    reaped sender, Transfer. Mirrors pallet_balances::transfer_allow_death (lib.rs).
    """
    source = ensure_signed(origin)
    transfer(ext, source, lookup(dest), value, Preservation.Expendable)


@balances.call(2, [("source", MultiAddress, _LOOKUP), ("dest", MultiAddress, _LOOKUP),
                   ("value", Compact(U64), _BALANCE)], weight=weights.FORCE_TRANSFER)
def force_transfer(ext: Externalities, origin: Any, source: Any, dest: Any, value: int) -> None:
    """Exactly as ``transfer_allow_death``, except the origin is root and names the source.

    Origin: Root (BadOrigin). Checks, effects, events and errors as ``transfer_allow_death``.
    Mirrors pallet_balances::force_transfer (lib.rs).
    """
    ensure_root(origin)
    transfer(ext, lookup(source), lookup(dest), value, Preservation.Expendable)


@balances.call(3, [("dest", MultiAddress, _LOOKUP), ("value", Compact(U64), _BALANCE)],
               weight=weights.TRANSFER_KEEP_ALIVE)
def transfer_keep_alive(ext: Externalities, origin: Any, dest: Any, value: int) -> None:
    """Transfer that must leave the sender alive (at least the ED stays).

    Origin: Signed. Checks as ``transfer_allow_death`` with ``Preserve``: a withdrawal leaving
    less than the ED fails with Token(NotExpendable) or, when only the ED would remain
    reducible, Token(FundsUnavailable)/Token(Frozen). Events: Endowed/NewAccount, Transfer.
    Mirrors pallet_balances::transfer_keep_alive (lib.rs).
    """
    source = ensure_signed(origin)
    transfer(ext, source, lookup(dest), value, Preservation.Preserve)


@balances.call(4, [("dest", MultiAddress, _LOOKUP), ("keep_alive", Bool, "bool")],
               weight=weights.TRANSFER_ALL)
def transfer_all(ext: Externalities, origin: Any, dest: Any, keep_alive: bool) -> None:
    """Transfer the entire transferable balance of the caller.

    Origin: Signed. Effects: computes ``reducible_balance(Preserve if keep_alive else
    Expendable, Polite)`` first, then looks ``dest`` up (CannotLookup) and transfers that amount
    with the same preservation. Events/errors as the transfers. Mirrors
    pallet_balances::transfer_all (lib.rs).
    """
    transactor = ensure_signed(origin)
    preservation = Preservation.Preserve if keep_alive else Preservation.Expendable
    amount = reducible_balance(ext, transactor, preservation, Fortitude.Polite)
    transfer(ext, transactor, lookup(dest), amount, preservation)


@balances.call(5, [("who", MultiAddress, _LOOKUP), ("amount", U64, _BALANCE)],
               weight=weights.FORCE_UNRESERVE)
def force_unreserve(ext: Externalities, origin: Any, who: Any, amount: int) -> None:
    """Unreserve some balance from a user by force.

    Origin: Root. Checks: ``who`` resolves. Effects: ``ReservableCurrency::unreserve`` — up to
    ``amount`` moves from reserved to free (no-op for zero or an empty account). Events:
    Unreserved. Errors: BadOrigin, CannotLookup. Mirrors pallet_balances::force_unreserve.
    """
    ensure_root(origin)
    unreserve(ext, lookup(who), amount)


@balances.call(6, [("who", Vec(AccountId32), "Vec<T::AccountId>")],
               weight=lambda who: weights.upgrade_accounts(len(who)))
def upgrade_accounts(ext: Externalities, origin: Any, who: list[bytes]) -> PostDispatchInfo:
    """Upgrade the given accounts to the new balance logic.

    Origin: Signed. Effects: ``ensure_upgraded`` on each account. Events: Upgraded for each
    upgraded account. Returns Pays::No when at least 90 % of a non-empty list was upgraded.
    Mirrors pallet_balances::upgrade_accounts (lib.rs).
    """
    ensure_signed(origin)
    if not who:
        return PostDispatchInfo(None, Pays.Yes)
    upgraded = sum(1 for account in who if ensure_upgraded(ext, bytes(account)))
    # Perbill::from_rational(upgraded, len) >= 90 %: parts rounded down, compared to 9e8.
    parts = upgraded * 1_000_000_000 // len(who)
    return PostDispatchInfo(None, Pays.No if parts >= 900_000_000 else Pays.Yes)


@balances.call(8, [("who", MultiAddress, _LOOKUP), ("new_free", Compact(U64), _BALANCE)],
               weight=weights.force_set_balance())
def force_set_balance(ext: Externalities, origin: Any, who: Any, new_free: int) -> None:
    """Set the free balance of an account (below the ED means zero).

    Origin: Root. Checks: ``who`` resolves. Effects: the free balance is written under the ED
    law (providers/consumers as needed; ConsumerRemaining if a reserve forbids the wipe-out);
    ``TotalIssuance`` moves by the difference. Events: Endowed/KilledAccount as applicable,
    Issued or Rescinded for the difference, BalanceSet. Mirrors pallet_balances::
    force_set_balance (lib.rs).
    """
    ensure_root(origin)
    account = lookup(who)
    if new_free < EXISTENTIAL_DEPOSIT:
        new_free = 0
    old_free = mutate_free_handling_dust(ext, account, new_free)
    if new_free > old_free:
        _drop_positive_imbalance(ext, new_free - old_free)
    elif new_free < old_free:
        _drop_negative_imbalance(ext, old_free - new_free)
    deposit_event(ext, BalanceSet(account, new_free))


def _drop_positive_imbalance(ext: Externalities, amount: int) -> None:
    """Currency ``PositiveImbalance`` dropped: issuance up, ``Issued``."""
    TotalIssuance.insert(ext, min(U64_MAX, TotalIssuance.get(ext) + amount))
    deposit_event(ext, Issued(amount))


def _drop_negative_imbalance(ext: Externalities, amount: int) -> None:
    """Currency ``NegativeImbalance`` dropped: issuance down, ``Rescinded``."""
    TotalIssuance.insert(ext, max(0, TotalIssuance.get(ext) - amount))
    deposit_event(ext, Rescinded(amount))


@balances.call(9, [("direction", AdjustmentDirection, "AdjustmentDirection"),
                   ("delta", Compact(U64), _BALANCE)],
               weight=weights.FORCE_ADJUST_TOTAL_ISSUANCE)
def force_adjust_total_issuance(ext: Externalities, origin: Any, direction: Any,
                                delta: int) -> None:
    """Adjust ``TotalIssuance`` by ``delta`` (saturating).

    Origin: Root. Checks in order: delta > 0 (DeltaZero); the new issuance is not below
    ``InactiveIssuance`` (IssuanceDeactivated). Effects: ``TotalIssuance`` set. Events:
    TotalIssuanceForced { old, new }. Mirrors pallet_balances::force_adjust_total_issuance.
    """
    ensure_root(origin)
    if delta <= 0:
        raise DeltaZero()
    old = TotalIssuance.get(ext)
    variant = direction[0] if isinstance(direction, tuple) else direction
    new = min(U64_MAX, old + delta) if variant == "Increase" else max(0, old - delta)
    if InactiveIssuance.get(ext) > new:
        raise IssuanceDeactivated()
    TotalIssuance.insert(ext, new)
    deposit_event(ext, TotalIssuanceForced(old, new))


@balances.call(10, [("value", Compact(U64), _BALANCE), ("keep_alive", Bool, "bool")],
               weight=lambda value, keep_alive: (weights.BURN_ALLOW_DEATH if keep_alive
                                                 else weights.BURN_KEEP_ALIVE))
def burn(ext: Externalities, origin: Any, value: int, keep_alive: bool) -> None:
    """Burn liquid free balance of the caller, reducing ``TotalIssuance``.

    Origin: Signed. Checks: ``burn_from(value, Preserve if keep_alive else Expendable, Exact,
    Polite)``: the reducible balance must cover ``value`` (Token(FundsUnavailable)). Effects:
    free balance and ``TotalIssuance`` fall by the amount (plus any dust when reaped). Events:
    DustLost/KilledAccount/BurnedDebt when reaped, Burned. Mirrors pallet_balances::burn (the
    weight selection is the reference's, including its swapped branches).
    """
    source = ensure_signed(origin)
    preservation = Preservation.Preserve if keep_alive else Preservation.Expendable
    burn_from(ext, source, value, preservation, Precision.Exact, Fortitude.Polite)


__all__ = ["burn", "force_adjust_total_issuance",
           "force_set_balance", "force_transfer", "force_unreserve", "lookup", "transfer_all",
           "transfer_allow_death", "transfer_keep_alive", "upgrade_accounts"]
