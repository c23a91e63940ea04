"""Transaction checks that need no pallet state, and the pure parts of the stateful ones.

Substrate checks a signed extrinsic in two stages; subtensor's order (``TxExtension``):

1. ``check`` (:func:`check_extrinsic`): resolve the address (only ``MultiAddress::Id``; else
   ``Unknown::CannotLookup``), compute every extension's implicit data in order (CheckMortality:
   ``Invalid::AncientBirthBlock`` when the birth block's hash is not kept; CheckMetadataHash
   mode Enabled: ``Unknown::CannotLookup``), then verify the signature over
   ``call ‖ extra ‖ implicit`` (``Invalid::BadProof``). A signer who used another genesis hash,
   spec/transaction version or birth hash fails here with BadProof: the runtime cannot tell which.
2. ``validate``, extension by extension, combining the ``ValidTransaction`` of each with
   ``combine_with``: CheckNonZeroSender (:func:`check_non_zero_sender`), CheckMortality
   (:func:`check_shield_mortality`, :func:`mortality_validity`), CheckNonce
   (:func:`nonce_validity` on ``System.Account``), CheckWeight (block limits), the payment
   wrapper (fee withdrawal; :func:`payment_validity`), Sudo, Shield, Subtensor extensions,
   DrandPriority (:func:`drand_validity`), CheckMetadataHash (nothing to validate). In a block,
   ``prepare`` then runs; for CheckNonce it is :func:`nonce_prepare`.

Block numbers: ``ChainContext.block_number`` is ``System::block_number()`` of the block being
built or executed — when the pool validates on top of block ``n``, the executive initialises
block ``n + 1``, whose ``System.BlockHash`` holds ``n``'s hash.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from runtime.extrinsic.extensions import (
    SUBTENSOR_EXTENSIONS,
    ExtensionSet,
    MetadataHashMode,
    SignedExtra,
)
from runtime.extrinsic.format import UncheckedExtrinsic
from runtime.extrinsic.signing import signing_payload, verify_signature
from runtime.extrinsic.validity import (
    U64_MAX,
    InvalidKind,
    InvalidTransaction,
    TransactionValidityError,
    UnknownKind,
    UnknownTransaction,
    ValidTransaction,
)
from runtime.primitives.era import Era, Mortal

BlockHashLookup = Callable[[int], bytes | None]
"""Reads ``System.BlockHash``: the hash of block ``n``, or None when it is not kept."""

NORMAL_DISPATCH_BASE_PRIORITY = 1
"""subtensor: the priority of Normal (and Mandatory) class transactions."""
OPERATIONAL_DISPATCH_PRIORITY = 10_000_000_000
"""subtensor: the priority of Operational class transactions."""
DRAND_PULSE_PRIORITY = 10_000
"""subtensor ``DrandPriority``: added for ``Drand.write_pulse``."""
MAX_SHIELD_ERA_PERIOD = 8
"""subtensor ``CheckMortality``: the longest era allowed for ``MevShield.submit_encrypted``."""
_ZERO_HASH = bytes(32)
_U32_MASK = (1 << 32) - 1

METADATA_HASH_UNAVAILABLE = (
    "CheckMetadataHash mode Enabled needs the runtime's RFC-0078 metadata digest, which this "
    "node does not compute; sign with mode Disabled (what the bittensor SDK and btcli send)")


@dataclass(frozen=True, slots=True)
class ChainContext:
    """What the runtime reads to check a transaction: its versions, the current block number
    and ``System.BlockHash`` (block 0 gives the genesis hash)."""

    spec_version: int
    transaction_version: int
    block_number: int
    block_hash: BlockHashLookup

    @property
    def genesis_hash(self) -> bytes:
        """``System.BlockHash(0)`` (a value query: 32 zero bytes if absent)."""
        return self.block_hash(0) or _ZERO_HASH


@dataclass(frozen=True, slots=True)
class CheckedExtrinsic:
    """An extrinsic past lookup and signature check. ``signer`` is None for a bare extrinsic,
    whose ``extra`` is None too."""

    signer: bytes | None
    call: bytes
    extra: SignedExtra | None


def mortality_birth_hash(era: Era, current: int,
                         block_hash: BlockHashLookup) -> bytes | InvalidTransaction:
    """CheckMortality's implicit data: the hash of block ``era.birth(current)``, or
    ``AncientBirthBlock`` when that hash is not kept (too old, or not yet produced: a birth
    after ``current``, or ``current`` itself, has no hash yet)."""
    birth = era.birth(current)
    found = block_hash(birth) if birth <= current else None
    if found is None:
        return InvalidTransaction(InvalidKind.ANCIENT_BIRTH_BLOCK,
                                  reason=f"no hash kept for birth block {birth} at block {current}")
    return found


def mortality_validity(era: Era, current: int) -> ValidTransaction:
    """CheckMortality's validity: longevity ``death - current`` (saturating at 0)."""
    return ValidTransaction(longevity=min(max(era.death(current) - current, 0), U64_MAX))


def check_shield_mortality(era: Era, is_submit_encrypted: bool) -> InvalidTransaction | None:
    """subtensor's extra CheckMortality rule: ``MevShield.submit_encrypted`` must be mortal with
    a period of at most 8 blocks, else ``Stale``. None when the rule passes."""
    if not is_submit_encrypted:
        return None
    if isinstance(era, Mortal) and era.period <= MAX_SHIELD_ERA_PERIOD:
        return None
    return InvalidTransaction(InvalidKind.STALE,
                              reason="submit_encrypted needs a mortal era of at most 8 blocks")


def metadata_hash_implicit(mode: MetadataHashMode) -> UnknownTransaction | None:
    """CheckMetadataHash's implicit value: None (encoded ``00``) for mode Disabled; for mode
    Enabled ``Unknown::CannotLookup``, as Substrate answers when the runtime has no metadata
    hash to sign against — this node does not compute the RFC-0078 digest."""
    if mode == MetadataHashMode.DISABLED:
        return None
    return UnknownTransaction(UnknownKind.CANNOT_LOOKUP, reason=METADATA_HASH_UNAVAILABLE)


def runtime_implicit_values(extra: SignedExtra,
                            context: ChainContext) -> dict[str, Any] | TransactionValidityError:
    """The implicit values the runtime computes for ``extra`` (by identifier), or the first
    error in extension order (CheckMortality before CheckMetadataHash)."""
    birth_hash = mortality_birth_hash(extra.era, context.block_number, context.block_hash)
    if isinstance(birth_hash, InvalidTransaction):
        return birth_hash
    metadata = metadata_hash_implicit(extra.metadata_hash_mode)
    if isinstance(metadata, UnknownTransaction):
        return metadata
    return {"CheckSpecVersion": context.spec_version,
            "CheckTxVersion": context.transaction_version,
            "CheckGenesis": context.genesis_hash, "CheckMortality": birth_hash,
            "CheckMetadataHash": metadata}


def check_extrinsic(extrinsic: UncheckedExtrinsic, context: ChainContext,
                    extensions: ExtensionSet = SUBTENSOR_EXTENSIONS
                    ) -> CheckedExtrinsic | TransactionValidityError:
    """Substrate's ``Checkable::check``: address lookup, implicit data, signature. Bare
    extrinsics pass unchanged (their validity is the unsigned validator's business)."""
    signed = extrinsic.signed
    if signed is None:
        return CheckedExtrinsic(None, extrinsic.call, None)
    signer = signed.address.account_id
    if signer is None:
        return UnknownTransaction(
            UnknownKind.CANNOT_LOOKUP,
            reason=f"{signed.address.kind.name} addresses do not resolve to an account")
    extra = signed.signed_extra
    implicit = runtime_implicit_values(extra, context)
    if not isinstance(implicit, dict):
        return implicit
    payload = signing_payload(extrinsic.call, signed.extra, extensions.encode_implicit(implicit))
    if not verify_signature(signed.signature, payload, signer):
        return InvalidTransaction(InvalidKind.BAD_PROOF,
                                  reason=f"{signed.signature.scheme.name} signature does not "
                                         "verify against the runtime's signing payload")
    return CheckedExtrinsic(signer, extrinsic.call, extra)


def check_non_zero_sender(signer: bytes) -> ValidTransaction | InvalidTransaction:
    """CheckNonZeroSender: the all-zero account may not send (``BadSigner``)."""
    if not any(signer):
        return InvalidTransaction(InvalidKind.BAD_SIGNER, reason="the sender is the zero account")
    return ValidTransaction()


def nonce_tag(account: bytes, nonce: int) -> bytes:
    """A CheckNonce tag: SCALE of ``(AccountId32, u32)`` — the account then the nonce LE."""
    return bytes(account) + (nonce & _U32_MASK).to_bytes(4, "little")


def nonce_validity(signer: bytes, tx_nonce: int, account_nonce: int, *,
                   account_exists: bool = True,
                   pays_fee: bool = True) -> ValidTransaction | InvalidTransaction:
    """subtensor's CheckNonce ``validate``. ``account_exists``: the account has providers or
    sufficients (else a fee-paying transaction is ``Payment``); a nonce below the account's is
    ``Stale``. Provides ``(signer, tx_nonce)``; requires ``(signer, tx_nonce - 1)`` when the
    nonce is ahead of the account's (a "future" transaction in the pool)."""
    if pays_fee and not account_exists:
        return InvalidTransaction(InvalidKind.PAYMENT,
                                  reason="the account does not exist (nonce storage not paid for)")
    if tx_nonce < account_nonce:
        return InvalidTransaction(InvalidKind.STALE,
                                  reason=f"nonce {tx_nonce} is below the account's "
                                         f"{account_nonce}")
    requires = (nonce_tag(signer, tx_nonce - 1),) if tx_nonce > account_nonce else ()
    return ValidTransaction(requires=requires, provides=(nonce_tag(signer, tx_nonce),))


def nonce_prepare(tx_nonce: int, account_nonce: int) -> int | InvalidTransaction:
    """subtensor's CheckNonce ``prepare`` (in a block, after ``validate``): the nonce must equal
    the account's (a higher one is ``Future``); returns the account's next nonce (u32, wrapping
    as the runtime's release build does)."""
    if tx_nonce < account_nonce:
        return InvalidTransaction(InvalidKind.STALE)
    if tx_nonce > account_nonce:
        return InvalidTransaction(InvalidKind.FUTURE,
                                  reason=f"nonce {tx_nonce} is ahead of the account's "
                                         f"{account_nonce}")
    return (account_nonce + 1) & _U32_MASK


def payment_priority(*, operational: bool) -> int:
    """subtensor's ``ChargeTransactionPaymentWrapper`` priority: it overrides Substrate's
    tip-based priority with a constant per dispatch class (the tip does not matter)."""
    return OPERATIONAL_DISPATCH_PRIORITY if operational else NORMAL_DISPATCH_BASE_PRIORITY


def payment_validity(*, operational: bool) -> ValidTransaction:
    """The payment wrapper's validity once the fee is withdrawable: only the priority."""
    return ValidTransaction(priority=payment_priority(operational=operational))


def drand_validity(is_write_pulse: bool) -> ValidTransaction:
    """subtensor's ``DrandPriority``: priority 10 000 for ``Drand.write_pulse``, else nothing."""
    return ValidTransaction(priority=DRAND_PULSE_PRIORITY if is_write_pulse else 0)


def validate_stateless(checked: CheckedExtrinsic, context: ChainContext, *,
                       is_submit_encrypted: bool = False
                       ) -> ValidTransaction | InvalidTransaction:
    """The stateless head of a signed transaction's ``validate`` (CheckNonZeroSender, then
    CheckMortality with subtensor's shield rule), combined. The executive continues with
    CheckNonce, CheckWeight, payment and the rest, combining with ``combine_with``."""
    if checked.signer is None or checked.extra is None:
        return ValidTransaction()
    sender = check_non_zero_sender(checked.signer)
    if isinstance(sender, InvalidTransaction):
        return sender
    shield = check_shield_mortality(checked.extra.era, is_submit_encrypted)
    if shield is not None:
        return shield
    return sender.combine_with(mortality_validity(checked.extra.era, context.block_number))
