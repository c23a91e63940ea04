"""Charging fees: subtensor's ``OnChargeTransaction`` (``SubtensorTxFeeHandler<Balances,
TransactionFeeHandler<Runtime>>`` in ``pallets/transaction-fee/src/lib.rs``) and the
``ChargeTransactionPayment`` pre/post steps of pallet-transaction-payment.

Where fees go on subtensor (spec_version 425): the fee and the tip are withdrawn from the
payer (``Balances.Withdraw``, ``Exact``, ``Preserve``, ``Polite``); after dispatch the unused
part is refunded (``Balances.Deposit`` — emitted even for a zero refund — only if the payer
still has a balance), and the rest, fee and tip together, is **paid to the block author**
(``Balances.Deposit`` to the author). With no author, or when the author cannot receive it
(a new account below the ED), the credit is dropped: it is **burned** (``TotalIssuance``
falls, no event). Fees the payer cannot cover in TAO may be taken in alpha
for some SubtensorModule calls; that path belongs to the subtensor pallet and plugs in as an
:class:`AlphaFeeHandler`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from runtime.extrinsic.validity import InvalidKind, InvalidTransaction
from runtime.frame.dispatch import DispatchError, DispatchInfo
from runtime.pallets.balances import (
    Fortitude,
    Precision,
    Preservation,
    can_withdraw,
    deposit,
    resolve_or_burn,
    total_balance,
    withdraw,
)
from runtime.pallets.balances.fungible import WithdrawConsequence
from runtime.pallets.transaction_payment.fees import compute_actual_fee, compute_fee
from runtime.pallets.transaction_payment.pallet import deposit_fee_paid
from runtime.pallets.utility.post_dispatch import PostDispatchInfo
from runtime.primitives.externalities import Externalities


class FeePaymentError(Exception):
    """The fee cannot be paid: the transaction is invalid (``InvalidTransaction::Payment``)."""

    def __init__(self, reason: str = "") -> None:
        super().__init__(reason or "Invalid::Payment")
        self.validity = InvalidTransaction(InvalidKind.PAYMENT, reason=reason)


@dataclass(frozen=True, slots=True)
class TaoFee:
    """A fee withdrawn in TAO: the credit (fee + tip) not yet placed anywhere."""

    credit: int


@dataclass(frozen=True, slots=True)
class AlphaFee:
    """A fee taken in alpha by the subtensor pallet (already final: no refund)."""

    alpha_fee: int
    tao_amount: int
    netuid: int


LiquidityInfo = TaoFee | AlphaFee | None


@dataclass(frozen=True, slots=True)
class AlphaFeeHandler:
    """The subtensor pallet's alpha-fee path for the calls that allow it.

    ``can_withdraw(ext, who, fee)`` says whether the fee can be paid in alpha;
    ``withdraw(ext, who, fee)`` takes it (or raises ``FeePaymentError``); ``paid(ext, who,
    fee)`` runs at correction time (subtensor emits ``TransactionFeePaidWithAlpha`` there).
    """

    can_withdraw: Callable[[Externalities, bytes, int], bool]
    withdraw: Callable[[Externalities, bytes, int], AlphaFee]
    paid: Callable[[Externalities, bytes, AlphaFee], None]


def can_withdraw_fee(ext: Externalities, who: bytes, fee: int,
                     alpha: AlphaFeeHandler | None = None) -> None:
    """Validation: the fee could be withdrawn now, or raise ``FeePaymentError``."""
    if fee == 0:
        return
    if can_withdraw(ext, who, fee)[0] is WithdrawConsequence.Success:
        return
    if alpha is not None and alpha.can_withdraw(ext, who, fee):
        return
    raise FeePaymentError("fee cannot be withdrawn")


def withdraw_fee(ext: Externalities, who: bytes, fee: int, tip: int,
                 alpha: AlphaFeeHandler | None = None) -> LiquidityInfo:
    """Take ``fee`` (which includes ``tip``) from ``who`` before dispatch.

    Zero fee: nothing (None). Else ``Balances::withdraw(Exact, Preserve, Polite)``; if that
    fails and the call may pay in alpha, the alpha handler takes it; else ``FeePaymentError``.
    """
    del tip  # the tip is part of ``fee``; subtensor's handler ignores it here
    if fee == 0:
        return None
    try:
        return TaoFee(withdraw(ext, who, fee, Precision.Exact, Preservation.Preserve,
                               Fortitude.Polite))
    except DispatchError:
        if alpha is None:
            raise FeePaymentError("balance too low to pay the fee") from None
        return alpha.withdraw(ext, who, fee)


def correct_and_deposit_fee(ext: Externalities, who: bytes, corrected_fee: int, tip: int,
                            already_withdrawn: LiquidityInfo, author: bytes | None,
                            alpha: AlphaFeeHandler | None = None) -> None:
    """After dispatch: refund the overpayment and pay the rest (fee + tip) to the author.

    The refund is deposited (``BestEffort``) only if the payer still has a balance; the paid
    credit minus the refund goes to ``author`` (burned when there is none or it cannot be
    placed). Alpha fees are final: only ``alpha.paid`` runs.
    """
    if already_withdrawn is None:
        return
    if isinstance(already_withdrawn, AlphaFee):
        if alpha is not None:
            alpha.paid(ext, who, already_withdrawn)
        return
    paid = already_withdrawn.credit
    refund = max(0, paid - corrected_fee)
    refunded = 0
    if total_balance(ext, who) > 0:
        try:
            refunded = deposit(ext, who, refund, Precision.BestEffort)
        except DispatchError:
            refunded = 0
    # ``(tip, fee) = adjusted.split(tip)`` then ``on_unbalanceds([fee, tip])`` merges them back.
    resolve_or_burn(ext, author, paid - refunded)


@dataclass(frozen=True, slots=True)
class ChargedFee:
    """What ``ChargeTransactionPayment`` keeps between pre- and post-dispatch (``Pre``)."""

    who: bytes
    tip: int
    liquidity: LiquidityInfo


def pre_dispatch_charge(ext: Externalities, who: bytes, length: int, info: DispatchInfo,
                        tip: int, alpha: AlphaFeeHandler | None = None) -> ChargedFee:
    """``ChargeTransactionPayment::prepare``: compute the fee and withdraw it."""
    fee = compute_fee(ext, length, info, tip)
    return ChargedFee(who, tip, withdraw_fee(ext, who, fee, tip, alpha))


def post_dispatch_charge(ext: Externalities, charged: ChargedFee, length: int,
                         info: DispatchInfo, post_info: PostDispatchInfo,
                         author: bytes | None, alpha: AlphaFeeHandler | None = None) -> int:
    """``ChargeTransactionPayment::post_dispatch``: correct the fee, pay it, and emit
    ``TransactionFeePaid { who, actual_fee, tip }``; returns the actual fee."""
    actual_fee = compute_actual_fee(ext, length, info, post_info, charged.tip)
    correct_and_deposit_fee(ext, charged.who, actual_fee, charged.tip, charged.liquidity,
                            author, alpha)
    deposit_fee_paid(ext, charged.who, actual_fee, charged.tip)
    return actual_fee
