"""Transaction-pool validation: ``TaggedTransactionQueue_validate_transaction``.

Mirrors ``frame_executive::Executive::validate_transaction`` with subtensor's extensions. Every
write happens in a transactional layer that is rolled back, so the caller's state (the best
block's) is left untouched:

1. ``frame_system::initialize`` of block ``best + 1`` on top of ``block_hash`` — System only, no
   pallet hooks — so that ``System.BlockHash(best)`` holds the parent's hash and mortality and
   ``CheckGenesis`` resolve as they will in the next block;
2. decode (malformed bytes or an unknown call: ``Invalid::Call``), then ``check``: address
   lookup, implicit data, signature (:func:`~runtime.extrinsic.checks.check_extrinsic`);
3. a ``Mandatory`` call (an inherent) is ``Invalid::MandatoryValidation``; any other bare call is
   ``Unknown::NoUnsignedValidator`` (no pallet here implements ``ValidateUnsigned``);
4. a signed transaction runs each extension's ``validate`` in ``TxExtension`` order, combining
   the results with ``combine_with``: CheckNonZeroSender, CheckMortality (longevity),
   CheckNonce (``System.Account``: provides/requires tags, Stale, Payment for a missing account),
   CheckWeight (block limits), ChargeTransactionPaymentWrapper (the fee is withdrawn on the
   throw-away state; priority by dispatch class), SudoTransactionExtension, DrandPriority.
   CheckShieldedTxValidity and SubtensorTransactionExtension add nothing for the pallets present
   (MevShield is not composed; SubtensorModule declares no calls yet).
"""

from __future__ import annotations

from collections.abc import Callable

from runtime.composition import CallDecodeError, DecodedCall
from runtime.executive import Executive
from runtime.extrinsic.checks import (
    CheckedExtrinsic,
    check_extrinsic,
    check_non_zero_sender,
    drand_validity,
    mortality_validity,
    nonce_validity,
    payment_validity,
)
from runtime.extrinsic.errors import ExtrinsicDecodeError
from runtime.extrinsic.format import decode_extrinsic
from runtime.extrinsic.validity import (
    InvalidKind,
    InvalidTransaction,
    TransactionSource,
    TransactionValidity,
    UnknownKind,
    UnknownTransaction,
    ValidTransaction,
)
from runtime.frame import system
from runtime.frame.dispatch import DispatchClass, DispatchInfo, Pays
from runtime.frame.limits import check_block_length, check_extrinsic_weight
from runtime.pallets.sudo.pallet import Key as SudoKey
from runtime.primitives.block import Digest
from runtime.primitives.externalities import Externalities
from runtime.primitives.scale import U32, EnumValue

Step = Callable[[], ValidTransaction | InvalidTransaction | UnknownTransaction]


def validate_transaction(executive: Executive, ext: Externalities, source: TransactionSource,
                         encoded: bytes, block_hash: bytes) -> TransactionValidity:
    """Validate ``encoded`` (a length-prefixed extrinsic) for inclusion after ``block_hash``,
    whose state ``ext`` is. Never raises for bad transaction bytes; ``ext`` is unchanged."""
    del source  # only ValidateUnsigned implementations read it; none is composed
    ext.start_transaction()
    try:
        initialize_system(ext, system.Number.get(ext) + 1, block_hash)
        return _validate(executive, ext, bytes(encoded))
    finally:
        ext.rollback_transaction()


def initialize_system(ext: Externalities, number: int, parent_hash: bytes) -> None:
    """``frame_system::initialize(number, parent_hash, empty digest)``: System bookkeeping of a
    new block without any pallet's ``on_initialize``."""
    system.ExecutionPhase.insert(ext, EnumValue("Initialization", None))
    ext.set(system.EXTRINSIC_INDEX_KEY, U32.encode(0))
    system.Number.insert(ext, number)
    system.ParentHash.insert(ext, parent_hash)
    ext.set(system.Digest.storage_key(), Digest().encode())
    if number > 0:
        system.BlockHash.insert(ext, number - 1, parent_hash)
    system.Events.remove(ext)
    system.EventCount.remove(ext)
    system.BlockWeight.remove(ext)


def _validate(executive: Executive, ext: Externalities, encoded: bytes) -> TransactionValidity:
    try:
        extrinsic = decode_extrinsic(encoded, executive.extensions)
        call = executive.runtime.decode_call(extrinsic.call)
    except (ExtrinsicDecodeError, CallDecodeError) as exc:
        return InvalidTransaction(InvalidKind.CALL, reason=str(exc))
    checked = check_extrinsic(extrinsic, executive.chain_context(ext), executive.extensions)
    if not isinstance(checked, CheckedExtrinsic):
        return checked
    info = call.dispatch_info()
    if info.dispatch_class == DispatchClass.Mandatory:
        return InvalidTransaction(InvalidKind.MANDATORY_VALIDATION,
                                  reason=f"{call.name} is an inherent")
    if checked.signer is None or checked.extra is None:
        return UnknownTransaction(UnknownKind.NO_UNSIGNED_VALIDATOR,
                                  reason=f"no unsigned validator for {call.name}")
    return validate_signed(executive, ext, checked, call, len(encoded))


def validate_signed(executive: Executive, ext: Externalities, checked: CheckedExtrinsic,
                    call: DecodedCall, length: int) -> TransactionValidity:
    """The extensions' ``validate`` of a checked signed transaction, in order, combined."""
    who, extra = checked.signer, checked.extra
    if who is None or extra is None:
        raise ValueError("validate_signed needs a signed, checked extrinsic")
    info = call.dispatch_info()
    number = system.Number.get(ext)
    steps: list[Step] = [
        lambda: check_non_zero_sender(who),
        lambda: mortality_validity(extra.era, number),
        lambda: account_nonce_validity(ext, who, extra.nonce, info),
        lambda: weight_validity(ext, info, length),
        lambda: _payment_validity(executive, ext, who, info, length, extra.tip),
        lambda: sudo_validity(ext, who, call, info),
        lambda: drand_validity(False),
    ]
    combined = ValidTransaction()
    for step in steps:
        outcome = step()
        if not isinstance(outcome, ValidTransaction):
            return outcome
        combined = combined.combine_with(outcome)
    return combined


def account_nonce_validity(ext: Externalities, who: bytes, nonce: int, info: DispatchInfo
                           ) -> ValidTransaction | InvalidTransaction:
    """CheckNonce's ``validate`` against ``System.Account``."""
    account = system.account_dict(ext, who)
    exists = account["providers"] > 0 or account["sufficients"] > 0
    return nonce_validity(who, nonce, account["nonce"], account_exists=exists,
                          pays_fee=info.pays_fee == Pays.Yes)


def weight_validity(ext: Externalities, info: DispatchInfo, length: int
                    ) -> ValidTransaction | InvalidTransaction:
    """CheckWeight's ``validate``: the block's extrinsics length with this one (the current
    ``System.AllExtrinsicsLen``) must fit the class's ``BlockLength``, and the extrinsic's own
    weight (its length as proof size) its class's ``max_extrinsic`` (``ExhaustsResources``).
    The block's weight totals are not checked here, as in the reference: the transaction may be
    included in a later block than the one validated against."""
    next_len = check_block_length(ext, info, length)
    if isinstance(next_len, InvalidTransaction):
        return next_len
    refusal = check_extrinsic_weight(info, length)
    return ValidTransaction() if refusal is None else refusal


def _payment_validity(executive: Executive, ext: Externalities, who: bytes, info: DispatchInfo,
                      length: int, tip: int) -> ValidTransaction | InvalidTransaction:
    """ChargeTransactionPaymentWrapper: the fee must be withdrawable (it is withdrawn here, on
    the throw-away layer); the priority is subtensor's per-class constant."""
    withdrawn = executive.fees.withdraw_fee(ext, who, info, length, tip)
    if isinstance(withdrawn, InvalidTransaction):
        return withdrawn
    return payment_validity(operational=info.dispatch_class == DispatchClass.Operational)


def sudo_validity(ext: Externalities, who: bytes, call: DecodedCall, info: DispatchInfo
                  ) -> ValidTransaction | InvalidTransaction:
    """subtensor's SudoTransactionExtension: a Sudo call must come from the sudo key
    (``BadSigner``); any other signed Operational call is refused from the pool (``Call``)."""
    if call.definition.pallet == "Sudo":
        key = SudoKey.get(ext)
        if key is None or bytes(key) != who:
            return InvalidTransaction(InvalidKind.BAD_SIGNER, reason="not the sudo key")
        return ValidTransaction()
    if info.dispatch_class == DispatchClass.Operational:
        return InvalidTransaction(InvalidKind.CALL,
                                  reason=f"signed Operational call {call.name} is not allowed")
    return ValidTransaction()
