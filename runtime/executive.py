"""The executive: building and executing blocks (FRAME's ``frame_executive``).

One path for every block, authored or imported (ARCHITECTURE.md, How a block flows)::

    initialize_block(header)        System bookkeeping, then every pallet's on_initialize
    apply_extrinsic(xt)  x N        check -> pre-dispatch (nonce, weight, fee) -> dispatch
                                    -> refund unused weight, settle fee
                                    -> ExtrinsicSuccess / ExtrinsicFailed
    finalize_block() -> header      every pallet's on_finalize, extrinsics root, state root
    execute_block(block)            all of the above for a block, comparing the roots

Per-block bookkeeping lives in state exactly as ``frame_system`` keeps it (``ExtrinsicData``,
``ExtrinsicCount``, ``:extrinsic_index``, ``ExecutionPhase``, ``BlockWeight``,
``AllExtrinsicsLen``), so the block-builder runtime APIs can call these steps one ``state_call``
at a time over a shared overlay.

Block limits are ``CheckWeight``'s (:mod:`runtime.frame.limits`, subtensor's ``BlockWeights`` and
``BlockLength``): ``System.BlockWeight`` is reset when a block starts and charged the block's
``base_block`` as Mandatory; each extrinsic, signed or inherent, must fit its class's length and
weight limits before dispatch (``Invalid::ExhaustsResources`` otherwise) and is charged its
weight plus its class's base weight, then refunded what its call did not use.

An extrinsic refused as invalid (bad signature, stale nonce, unpayable fee) changes nothing: its
checks run inside a transactional layer that is rolled back. An extrinsic whose call fails keeps
its nonce increment and fee; only the call's own writes roll back (``Runtime.dispatch``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from runtime.composition import CallDecodeError, DecodedCall, DispatchOutcome, Runtime
from runtime.extrinsic.apply import ApplyOutcome
from runtime.extrinsic.checks import (
    ChainContext,
    CheckedExtrinsic,
    check_extrinsic,
    nonce_prepare,
)
from runtime.extrinsic.errors import ExtrinsicDecodeError
from runtime.extrinsic.extensions import SUBTENSOR_EXTENSIONS, ExtensionSet
from runtime.extrinsic.format import decode_extrinsic
from runtime.extrinsic.validity import (
    InvalidKind,
    InvalidTransaction,
    TransactionValidityError,
    UnknownTransaction,
)
from runtime.frame import system
from runtime.frame.dispatch import (
    UNSIGNED,
    DispatchClass,
    DispatchInfo,
    Pays,
    PostDispatchInfo,
    Signed,
)
from runtime.frame.errors import InvalidBlock
from runtime.frame.limits import (
    SUBTENSOR_BLOCK_WEIGHTS,
    check_weight_post_dispatch,
    check_weight_prepare,
    register_extra_weight_unchecked,
)
from runtime.primitives.block import Block, Digest, Header
from runtime.primitives.externalities import Externalities
from runtime.primitives.scale import U32, EnumValue


class FeeHandler(Protocol):
    """How transaction fees are charged (``ChargeTransactionPayment``), plugged in by the
    runtime that composes the TransactionPayment and Balances pallets."""

    def withdraw_fee(self, ext: Externalities, who: bytes, info: DispatchInfo, length: int,
                     tip: int) -> object | InvalidTransaction:
        """Take the fee before dispatch. Returns what ``settle_fee`` needs (the charge), or
        ``Invalid::Payment`` when the sender cannot pay."""
        ...

    def settle_fee(self, ext: Externalities, charge: object, info: DispatchInfo,
                   post_info: PostDispatchInfo, length: int) -> None:
        """After dispatch: correct the fee by the actual weight, refund the excess, pay the
        rest where it goes, emit ``TransactionFeePaid``."""
        ...


@dataclass(frozen=True, slots=True)
class VersionInfo:
    """The identity of the runtime (``RuntimeVersion`` without the API list)."""

    spec_name: str
    impl_name: str
    authoring_version: int
    spec_version: int
    impl_version: int
    transaction_version: int
    state_version: int


class Executive:
    """Initialize, apply, finalize and execute blocks with one composed runtime."""

    def __init__(self, runtime: Runtime, version: VersionInfo, fees: FeeHandler, *,
                 extensions: ExtensionSet = SUBTENSOR_EXTENSIONS,
                 block_hash_count: int = system.BLOCK_HASH_COUNT) -> None:
        self.runtime = runtime
        self.version = version
        self.fees = fees
        self.extensions = extensions
        self.block_hash_count = block_hash_count

    # -- block start ----------------------------------------------------------------------------

    def initialize_block(self, ext: Externalities, header: Header) -> None:
        """Start block ``header.number`` on top of its parent's state."""
        number = header.number
        system.ExecutionPhase.insert(ext, EnumValue("Initialization", None))
        ext.set(system.EXTRINSIC_INDEX_KEY, U32.encode(0))
        system.Number.insert(ext, number)
        system.ParentHash.insert(ext, header.parent_hash)
        ext.set(system.Digest.storage_key(), header.digest.encode())
        if number > 0:
            system.BlockHash.insert(ext, number - 1, header.parent_hash)
        system.Events.remove(ext)
        system.EventCount.remove(ext)
        system.BlockWeight.remove(ext)
        self.runtime.on_initialize(ext, number)
        register_extra_weight_unchecked(ext, SUBTENSOR_BLOCK_WEIGHTS.base_block,
                                        DispatchClass.Mandatory)
        system.ExecutionPhase.insert(ext, EnumValue("ApplyExtrinsic", 0))

    # -- extrinsics ---------------------------------------------------------------------------

    def apply_extrinsic(self, ext: Externalities, encoded: bytes) -> ApplyOutcome:
        """Apply one extrinsic (with its length prefix). Returns None (dispatched), the
        ``DispatchError`` (included, call failed) or a validity error (not applied: every
        write is rolled back)."""
        ext.start_transaction()
        try:
            outcome = self._apply(ext, encoded)
        except BaseException:
            ext.rollback_transaction()
            raise
        if not isinstance(outcome, DispatchOutcome):
            ext.rollback_transaction()
            return outcome
        ext.commit_transaction()
        return outcome.error

    def _apply(self, ext: Externalities, encoded: bytes
               ) -> DispatchOutcome | TransactionValidityError:
        checked = self._check(ext, encoded)
        if not isinstance(checked, tuple):
            return checked
        extrinsic, call = checked
        info = call.dispatch_info()
        if info.dispatch_class == DispatchClass.Mandatory and extrinsic.signer is not None:
            return InvalidTransaction(InvalidKind.BAD_MANDATORY, reason="a signed inherent")
        index = self._extrinsic_index(ext)
        system.ExtrinsicData.insert(ext, index, bytes(encoded))
        if extrinsic.signer is None:
            outcome = self._apply_unsigned(ext, call, info, len(encoded))
        else:
            outcome = self._apply_signed(ext, extrinsic, call, info, len(encoded))
        if isinstance(outcome, DispatchOutcome):
            self._note_applied(ext, index, outcome)
        return outcome

    def _check(self, ext: Externalities, encoded: bytes
               ) -> tuple[CheckedExtrinsic, DecodedCall] | TransactionValidityError:
        try:
            extrinsic = decode_extrinsic(encoded, self.extensions)
            checked = check_extrinsic(extrinsic, self.chain_context(ext), self.extensions)
            if not isinstance(checked, CheckedExtrinsic):
                return checked
            return checked, self.runtime.decode_call(checked.call)
        except (ExtrinsicDecodeError, CallDecodeError) as exc:
            return InvalidTransaction(InvalidKind.CALL, reason=str(exc))

    def _apply_signed(self, ext: Externalities, extrinsic: CheckedExtrinsic,
                      call: DecodedCall, info: DispatchInfo, length: int
                      ) -> DispatchOutcome | InvalidTransaction:
        who = extrinsic.signer
        extra = extrinsic.extra
        if who is None or extra is None:
            return InvalidTransaction(InvalidKind.BAD_PROOF, reason="unsigned in signed path")
        refusal = self._pre_dispatch_nonce(ext, who, extra.nonce, info)
        if refusal is None:
            refusal = check_weight_prepare(ext, info, length)
        if refusal is not None:
            return refusal
        charge = self.fees.withdraw_fee(ext, who, info, length, extra.tip)
        if isinstance(charge, InvalidTransaction):
            return charge
        outcome = self.runtime.dispatch(ext, Signed(who), call)
        check_weight_post_dispatch(ext, info, outcome.post_info)
        self.fees.settle_fee(ext, charge, info, outcome.post_info, length)
        return outcome

    def _apply_unsigned(self, ext: Externalities, call: DecodedCall, info: DispatchInfo,
                        length: int) -> DispatchOutcome | InvalidTransaction:
        if info.dispatch_class != DispatchClass.Mandatory:
            return InvalidTransaction(InvalidKind.CALL,
                                      reason=f"{call.name} may not be submitted unsigned")
        refusal = check_weight_prepare(ext, info, length)
        if refusal is not None:
            return refusal
        outcome = self.runtime.dispatch(ext, UNSIGNED, call)
        check_weight_post_dispatch(ext, info, outcome.post_info)
        if not outcome.ok:
            return InvalidTransaction(InvalidKind.BAD_MANDATORY,
                                      reason=f"inherent {call.name} failed: {outcome.error}")
        return outcome

    @staticmethod
    def _pre_dispatch_nonce(ext: Externalities, who: bytes, nonce: int, info: DispatchInfo
                            ) -> InvalidTransaction | None:
        account = system.account_dict(ext, who)
        if info.pays_fee == Pays.Yes and account["providers"] == 0 \
                and account["sufficients"] == 0:
            return InvalidTransaction(InvalidKind.PAYMENT, reason="the sender has no account")
        next_nonce = nonce_prepare(nonce, account["nonce"])
        if isinstance(next_nonce, InvalidTransaction):
            return next_nonce
        account["nonce"] = next_nonce
        system.Account.insert(ext, who, account)
        return None

    def _note_applied(self, ext: Externalities, index: int, outcome: DispatchOutcome) -> None:
        info = outcome.info
        noted = DispatchInfo(outcome.actual_weight + system.EXTRINSIC_BASE_WEIGHT,
                             info.dispatch_class, outcome.post_info.pays(info))
        if outcome.error is None:
            system.deposit_event(ext, system.ExtrinsicSuccess(noted.to_scale()))
        else:
            system.deposit_event(ext, system.ExtrinsicFailed(outcome.error.to_scale(),
                                                             noted.to_scale()))
        ext.set(system.EXTRINSIC_INDEX_KEY, U32.encode(index + 1))
        system.ExecutionPhase.insert(ext, EnumValue("ApplyExtrinsic", index + 1))

    @staticmethod
    def _extrinsic_index(ext: Externalities) -> int:
        raw = ext.get(system.EXTRINSIC_INDEX_KEY)
        return 0 if raw is None else U32.decode(raw)

    def chain_context(self, ext: Externalities) -> ChainContext:
        """What signature and mortality checks read: versions, block number, block hashes."""
        number = system.Number.get(ext)

        def block_hash(height: int) -> bytes | None:
            raw = ext.get(system.BlockHash.storage_key(height))
            return None if raw is None else bytes(raw)

        return ChainContext(self.version.spec_version, self.version.transaction_version,
                            number, block_hash)

    # -- block end ----------------------------------------------------------------------------

    def finalize_block(self, ext: Externalities) -> Header:
        """End the block: on_finalize hooks, clean-up, roots; returns the unsealed header."""
        count = self._extrinsic_index(ext)
        system.ExtrinsicCount.insert(ext, count)
        system.ExecutionPhase.insert(ext, EnumValue("Finalization", None))
        number = system.Number.get(ext)
        self.runtime.on_finalize(ext, number)
        system.ExecutionPhase.remove(ext)
        system.AllExtrinsicsLen.remove(ext)
        ext.clear(system.EXTRINSIC_INDEX_KEY)
        extrinsics = [system.ExtrinsicData.take(ext, i) for i in range(count)]
        system.ExtrinsicCount.remove(ext)
        if number > self.block_hash_count + 1:
            system.BlockHash.remove(ext, number - self.block_hash_count - 1)
        extrinsics_root = ext.ordered_trie_root(extrinsics, 0)
        digest = _stored_digest(ext)
        state_root = ext.storage_root(self.version.state_version)
        return Header(system.ParentHash.get(ext), number, state_root, extrinsics_root, digest)

    def execute_block(self, ext: Externalities, block: Block) -> Header:
        """Re-execute ``block`` on its parent's state and check its roots; raises
        :class:`InvalidBlock` on any refused extrinsic or root mismatch."""
        header = block.header
        self.initialize_block(ext, header.without_seal())
        for position, encoded in enumerate(block.extrinsics):
            outcome = self.apply_extrinsic(ext, encoded)
            if isinstance(outcome, InvalidTransaction | UnknownTransaction):
                raise InvalidBlock(f"block #{header.number}: extrinsic {position} is invalid: "
                                   f"{outcome}")
        computed = self.finalize_block(ext)
        if computed.extrinsics_root != header.extrinsics_root:
            raise InvalidBlock(f"block #{header.number}: extrinsics root 0x"
                               f"{computed.extrinsics_root.hex()} != header 0x"
                               f"{header.extrinsics_root.hex()}")
        if computed.state_root != header.state_root:
            raise InvalidBlock(f"block #{header.number}: state root 0x"
                               f"{computed.state_root.hex()} != header 0x"
                               f"{header.state_root.hex()}")
        return computed


def _stored_digest(ext: Externalities) -> Digest:
    raw = ext.get(system.Digest.storage_key())
    if raw is None:
        return Digest()
    digest, end = Digest.decode_from(raw, 0)
    if end != len(raw):
        raise InvalidBlock(f"System.Digest holds {len(raw) - end} trailing byte(s)")
    return digest
