"""The ``fungible`` operations of pallet-balances: inspect, unbalanced, mutate and balanced.

Mirrors ``substrate/frame/balances/src/impl_fungible.rs`` together with the trait defaults in
``substrate/frame/support/src/traits/tokens/fungible/regular.rs``. Credits and debts (the
imbalances of ``fungible::Balanced``) are plain ints here: a function that returns one leaves
it to the caller to place it (:func:`resolve`) or drop it (``account.drop_credit`` /
``account.drop_debt``), exactly where the Rust code lets the imbalance go out of scope.
"""

from __future__ import annotations

from enum import Enum

from runtime.frame import system
from runtime.frame.dispatch import DispatchError
from runtime.frame.system import deposit_event
from runtime.pallets.balances.account import (
    account_data,
    drop_credit,
    handle_dust,
    try_mutate_account,
)
from runtime.pallets.balances.pallet import (
    EXISTENTIAL_DEPOSIT,
    U64_MAX,
    Burned,
    Deposit,
    InsufficientBalance,
    Issued,
    Minted,
    Rescinded,
    TotalIssuance,
    Transfer,
    Withdraw,
)
from runtime.pallets.balances.types import Fortitude, Precision, Preservation, Provenance
from runtime.primitives.externalities import Externalities


class WithdrawConsequence(Enum):
    """``tokens::WithdrawConsequence`` (``ReducedToZero`` carries the dust separately)."""

    BalanceLow = "BalanceLow"
    WouldDie = "WouldDie"
    UnknownAsset = "UnknownAsset"
    Underflow = "Underflow"
    Overflow = "Overflow"
    Frozen = "Frozen"
    ReducedToZero = "ReducedToZero"
    Success = "Success"


class DepositConsequence(Enum):
    """``tokens::DepositConsequence``."""

    BelowMinimum = "BelowMinimum"
    CannotCreate = "CannotCreate"
    UnknownAsset = "UnknownAsset"
    Overflow = "Overflow"
    Success = "Success"
    Blocked = "Blocked"


_WITHDRAW_ERRORS = {
    WithdrawConsequence.BalanceLow: DispatchError.token("FundsUnavailable"),
    WithdrawConsequence.WouldDie: DispatchError.token("OnlyProvider"),
    WithdrawConsequence.UnknownAsset: DispatchError.token("UnknownAsset"),
    WithdrawConsequence.Underflow: DispatchError.arithmetic("Underflow"),
    WithdrawConsequence.Overflow: DispatchError.arithmetic("Overflow"),
    WithdrawConsequence.Frozen: DispatchError.token("Frozen"),
}
_DEPOSIT_ERRORS = {
    DepositConsequence.BelowMinimum: DispatchError.token("BelowMinimum"),
    DepositConsequence.CannotCreate: DispatchError.token("CannotCreate"),
    DepositConsequence.UnknownAsset: DispatchError.token("UnknownAsset"),
    DepositConsequence.Overflow: DispatchError.arithmetic("Overflow"),
    DepositConsequence.Blocked: DispatchError.token("Blocked"),
}


def withdraw_into_result(consequence: tuple[WithdrawConsequence, int],
                         keep_nonzero: bool) -> int:
    """``WithdrawConsequence::into_result``: the dust to lose, or raise the matching error."""
    kind, dust = consequence
    if kind in _WITHDRAW_ERRORS:
        raise _WITHDRAW_ERRORS[kind]
    if kind is WithdrawConsequence.ReducedToZero:
        if keep_nonzero:
            raise DispatchError.token("NotExpendable")
        return dust
    return 0


def deposit_into_result(consequence: DepositConsequence) -> None:
    """``DepositConsequence::into_result``: raise unless ``Success``."""
    if consequence in _DEPOSIT_ERRORS:
        raise _DEPOSIT_ERRORS[consequence]


# -- inspect ------------------------------------------------------------------------------------


def total_issuance(ext: Externalities) -> int:
    """``TotalIssuance``."""
    return int(TotalIssuance.get(ext))


def free_balance(ext: Externalities, who: bytes) -> int:
    """The free balance of ``who`` (``fungible::Inspect::balance``)."""
    return account_data(ext, who)["free"]


def reserved_balance(ext: Externalities, who: bytes) -> int:
    """The reserved balance of ``who``."""
    return account_data(ext, who)["reserved"]


def reducible_balance(ext: Externalities, who: bytes, preservation: Preservation,
                      force: Fortitude) -> int:
    """How much of ``who``'s free balance can go, under freezes and the liveness rule."""
    data = account_data(ext, who)
    untouchable = 0
    if force is Fortitude.Polite:
        untouchable = max(0, data["frozen"] - data["reserved"])
    free = data["free"]
    if (preservation is Preservation.Preserve
            or (preservation is Preservation.Protect and free != 0
                and system.account(ext, who).providers == 1)
            or (preservation is Preservation.Expendable and free != 0
                and not system.can_dec_provider(ext, who))):
        untouchable = max(untouchable, EXISTENTIAL_DEPOSIT)
    return max(0, free - untouchable)


def transferable_balance(ext: Externalities, who: bytes) -> int:
    """``usable_balance``: reducible with ``Expendable``/``Polite``."""
    return reducible_balance(ext, who, Preservation.Expendable, Fortitude.Polite)


def can_deposit(ext: Externalities, who: bytes, amount: int,
                provenance: Provenance) -> DepositConsequence:
    """Whether ``amount`` can be added to ``who``'s free balance."""
    if amount == 0:
        return DepositConsequence.Success
    if provenance is Provenance.Minted and total_issuance(ext) + amount > U64_MAX:
        return DepositConsequence.Overflow
    data = account_data(ext, who)
    new_free = data["free"] + amount
    if new_free > U64_MAX:
        return DepositConsequence.Overflow
    if new_free < EXISTENTIAL_DEPOSIT:
        return DepositConsequence.BelowMinimum
    if data["reserved"] + new_free > U64_MAX:
        return DepositConsequence.Overflow
    return DepositConsequence.Success


def can_withdraw(ext: Externalities, who: bytes, amount: int
                 ) -> tuple[WithdrawConsequence, int]:
    """Whether ``amount`` can leave ``who``'s free balance; (consequence, dust if reduced)."""
    if amount == 0:
        return WithdrawConsequence.Success, 0
    if total_issuance(ext) < amount:
        return WithdrawConsequence.Underflow, 0
    data = account_data(ext, who)
    new_free = data["free"] - amount
    if new_free < 0:
        return WithdrawConsequence.BalanceLow, 0
    if amount > reducible_balance(ext, who, Preservation.Expendable, Fortitude.Polite):
        return WithdrawConsequence.Frozen, 0
    success = (WithdrawConsequence.Success, 0)
    if new_free < EXISTENTIAL_DEPOSIT:
        if not system.can_dec_provider(ext, who):
            return WithdrawConsequence.WouldDie, 0
        success = (WithdrawConsequence.ReducedToZero, new_free)
    if new_free + data["reserved"] < data["frozen"]:
        return WithdrawConsequence.Frozen, 0
    return success


# -- unbalanced ---------------------------------------------------------------------------------


def write_balance(ext: Externalities, who: bytes, amount: int) -> int | None:
    """Set ``who``'s free balance to ``amount`` (no issuance change); returns the dust."""
    max_reduction = reducible_balance(ext, who, Preservation.Expendable, Fortitude.Force)

    def _update(account: dict[str, int], _is_new: bool) -> None:
        if max(0, account["free"] - amount) > max_reduction:
            raise InsufficientBalance()
        account["free"] = amount

    _, dust = try_mutate_account(ext, who, _update)
    return dust


def decrease_balance(ext: Externalities, who: bytes, amount: int, precision: Precision,
                     preservation: Preservation, force: Fortitude) -> int:
    """Reduce ``who``'s free balance by ``amount`` (or as much as possible); returns the drop."""
    old = free_balance(ext, who)
    reducible = reducible_balance(ext, who, preservation, force)
    if precision is Precision.BestEffort:
        amount = min(amount, reducible)
    elif reducible < amount:
        raise DispatchError.token("FundsUnavailable")
    new = old - amount
    if new < 0:
        raise DispatchError.token("FundsUnavailable")
    dust = write_balance(ext, who, new)
    if dust is not None:
        handle_dust(ext, dust)
    return old - new


def increase_balance(ext: Externalities, who: bytes, amount: int, precision: Precision) -> int:
    """Raise ``who``'s free balance by ``amount``; returns the increase (0 when below the ED
    with ``BestEffort``)."""
    old = free_balance(ext, who)
    if precision is Precision.BestEffort:
        new = min(U64_MAX, old + amount)
    else:
        new = old + amount
        if new > U64_MAX:
            raise DispatchError.arithmetic("Overflow")
    if new < EXISTENTIAL_DEPOSIT:
        if precision is Precision.BestEffort:
            return 0
        raise DispatchError.token("BelowMinimum")
    if new == old:
        return 0
    dust = write_balance(ext, who, new)
    if dust is not None:
        handle_dust(ext, dust)
    return new - old


# -- mutate -------------------------------------------------------------------------------------


def transfer(ext: Externalities, source: bytes, dest: bytes, amount: int,
             preservation: Preservation) -> int:
    """``fungible::Mutate::transfer``: checks, same-account shortcut, move, ``Transfer``."""
    withdraw_into_result(can_withdraw(ext, source, amount),
                         keep_nonzero=preservation is not Preservation.Expendable)
    deposit_into_result(can_deposit(ext, dest, amount, Provenance.Extant))
    if source == dest:
        return amount
    decrease_balance(ext, source, amount, Precision.BestEffort, preservation, Fortitude.Polite)
    increase_balance(ext, dest, amount, Precision.BestEffort)
    deposit_event(ext, Transfer(source, dest, amount))
    return amount


def mint_into(ext: Externalities, who: bytes, amount: int) -> int:
    """Create ``amount`` new tokens in ``who`` (``TotalIssuance`` up, ``Minted``)."""
    if total_issuance(ext) + amount > U64_MAX:
        raise DispatchError.arithmetic("Overflow")
    actual = increase_balance(ext, who, amount, Precision.Exact)
    TotalIssuance.insert(ext, min(U64_MAX, total_issuance(ext) + actual))
    deposit_event(ext, Minted(who, amount))
    return actual


def burn_from(ext: Externalities, who: bytes, amount: int, preservation: Preservation,
              precision: Precision, force: Fortitude) -> int:
    """Destroy up to ``amount`` of ``who``'s free balance (``TotalIssuance`` down, ``Burned``).

    Follows ``fungible::Mutate::burn_from`` of the pinned fork, which takes a preservation
    (``Balances::burn`` passes Preserve for ``keep_alive``)."""
    actual = min(reducible_balance(ext, who, preservation, force), amount)
    if actual != amount and precision is Precision.Exact:
        raise DispatchError.token("FundsUnavailable")
    if total_issuance(ext) < actual:
        raise DispatchError.arithmetic("Overflow")
    actual = decrease_balance(ext, who, actual, Precision.BestEffort, preservation, force)
    TotalIssuance.insert(ext, max(0, total_issuance(ext) - actual))
    deposit_event(ext, Burned(who, actual))
    return actual


# -- balanced -----------------------------------------------------------------------------------


def withdraw(ext: Externalities, who: bytes, value: int, precision: Precision,
             preservation: Preservation, force: Fortitude) -> int:
    """``Balanced::withdraw``: take ``value`` out of ``who`` (``Withdraw``); returns the credit."""
    decrease = decrease_balance(ext, who, value, precision, preservation, force)
    deposit_event(ext, Withdraw(who, decrease))
    return decrease


def deposit(ext: Externalities, who: bytes, value: int, precision: Precision) -> int:
    """``Balanced::deposit``: add ``value`` to ``who`` (``Deposit``); returns the debt."""
    increase = increase_balance(ext, who, value, precision)
    deposit_event(ext, Deposit(who, increase))
    return increase


def issue(ext: Externalities, amount: int) -> int:
    """``Balanced::issue``: raise ``TotalIssuance`` by up to ``amount`` (saturating) and return
    the credit; ``Issued`` when non-zero. Place the credit with :func:`resolve` or drop it
    (``drop_credit`` lowers the issuance back)."""
    old = total_issuance(ext)
    new = min(U64_MAX, old + amount)
    TotalIssuance.insert(ext, new)
    if new != old:
        deposit_event(ext, Issued(new - old))
    return new - old


def rescind(ext: Externalities, amount: int) -> int:
    """``Balanced::rescind``: lower ``TotalIssuance`` by up to ``amount`` and return the debt;
    ``Rescinded`` (even for zero, as the reference does)."""
    old = total_issuance(ext)
    new = max(0, old - amount)
    TotalIssuance.insert(ext, new)
    deposit_event(ext, Rescinded(old - new))
    return old - new


def resolve(ext: Externalities, who: bytes, credit: int) -> bool:
    """``Balanced::resolve``: place a credit into ``who`` exactly; False (nothing changed) when
    it cannot be, leaving the credit to the caller."""
    try:
        deposit(ext, who, credit, Precision.Exact)
    except DispatchError:
        return False
    return True


def resolve_or_burn(ext: Externalities, who: bytes | None, credit: int) -> None:
    """Resolve a credit into ``who`` or, when that fails or there is nobody, drop it."""
    if credit == 0:
        return
    if who is None or not resolve(ext, who, credit):
        drop_credit(ext, credit)
