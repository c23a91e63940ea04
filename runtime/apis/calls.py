"""Answering ``state_call``: ``dispatch(method, data, ext, node) -> bytes``.

Inputs are the SCALE encoding of the method's parameters in order, outputs the SCALE encoding
of its return value, exactly as the reference's ``impl_runtime_apis!`` (declared in
:mod:`runtime.apis.declarations`). ``ext`` is the state the call runs on: the block at which the
client asked, or — for the block-builder sequence ``Core_initialize_block`` →
``BlockBuilder_inherent_extrinsics`` → ``BlockBuilder_apply_extrinsic``* →
``BlockBuilder_finalize_block`` — one overlay the node keeps across the calls.
``TaggedTransactionQueue_validate_transaction`` and ``TransactionPaymentApi_*`` leave ``ext``
unchanged.

Failures are :class:`RuntimeApiError`; its message is what the node puts after
``"Execution failed: "``. An unknown method gives Substrate's exact text
``"Other: Exported method <name> is not found"``.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING

from runtime.apis.types import (
    TIMESTAMP_INHERENT_ID,
    CheckInherentsResult,
    ExtrinsicInclusionMode,
    InherentData,
    SlotDuration,
    TimestampInherentError,
)
from runtime.apis_subtensor import SUBTENSOR_HANDLERS
from runtime.apis_swap import SWAP_HANDLERS
from runtime.composition import CallDecodeError, DecodedCall
from runtime.executive import InvalidBlock
from runtime.extrinsic.apply import encode_apply_extrinsic_result
from runtime.extrinsic.errors import ExtrinsicDecodeError
from runtime.extrinsic.format import UncheckedExtrinsic, decode_extrinsic
from runtime.extrinsic.validity import ValidityCodecError, decode_transaction_source
from runtime.extrinsic.validity import encode_transaction_validity as encode_validity
from runtime.frame import system
from runtime.frame.dispatch import Weight
from runtime.pallets.transaction_payment import fees
from runtime.primitives.block import Block, BlockError, Header, split_extrinsic
from runtime.primitives.externalities import Externalities
from runtime.primitives.scale import (
    U32,
    U64,
    DecodeError,
    EnumValue,
    decode_compact,
    encode_compact,
)
from runtime.primitives.scale.common import Weight as WeightType
from runtime.validation import validate_transaction

if TYPE_CHECKING:
    from runtime.node_runtime import NodeRuntime

Handler = Callable[[bytes, Externalities, "NodeRuntime"], bytes]


class RuntimeApiError(Exception):
    """A runtime call that cannot be answered; ``str()`` follows ``"Execution failed: "``."""


def method_not_found(method: str) -> RuntimeApiError:
    """Substrate's error for a method the runtime does not export."""
    return RuntimeApiError(f"Other: Exported method {method} is not found")


def _bad_input(what: str, detail: object) -> RuntimeApiError:
    return RuntimeApiError(f"Other: Bad input data provided to {what}: {detail}")


def _no_input(what: str, data: bytes) -> None:
    if data:
        raise _bad_input(what, f"{len(data)} unexpected byte(s)")


def _u32(what: str, data: bytes) -> int:
    if len(data) != 4:
        raise _bad_input(what, f"expected a u32 (4 bytes), got {len(data)}")
    return int(U32.decode(data))


def _block_from(data: bytes, what: str) -> tuple[Block, int]:
    """A ``Block`` at the start of ``data`` and the offset just after it."""
    try:
        _, offset = Header.decode_from(data, 0)
        count, offset = decode_compact(data, offset, "Block.extrinsics")
        for _ in range(count):
            _, offset = split_extrinsic(data, offset)
        return Block.decode(data[:offset]), offset
    except (DecodeError, BlockError) as exc:
        raise _bad_input(what, exc) from None


def _inherent_data(data: bytes, what: str) -> dict[bytes, bytes]:
    try:
        return dict(InherentData.decode(data).data)
    except DecodeError as exc:
        raise _bad_input(what, exc) from None


def _split_extrinsic_and_len(data: bytes, what: str) -> tuple[bytes, int]:
    """``(extrinsic, u32 len)`` inputs: the extrinsic (with its prefix) and the length."""
    if len(data) < 5:
        raise _bad_input(what, "expected an extrinsic followed by a u32 length")
    return data[:-4], int(U32.decode(data[-4:]))


# -- Core -------------------------------------------------------------------------------------


def core_version(data: bytes, ext: Externalities, node: NodeRuntime) -> bytes:
    """``Core_version() -> RuntimeVersion``."""
    _no_input("Core_version", data)
    return node.runtime_version()


def core_execute_block(data: bytes, ext: Externalities, node: NodeRuntime) -> bytes:
    """``Core_execute_block(block) -> ()`` on the parent's state; a bad block is an error."""
    block, end = _block_from(data, "Core_execute_block")
    if end != len(data):
        raise _bad_input("Core_execute_block", f"{len(data) - end} trailing byte(s)")
    try:
        node.executive.execute_block(ext, block)
    except InvalidBlock as exc:
        raise RuntimeApiError(f"Other: {exc}") from None
    return b""


def core_initialize_block(data: bytes, ext: Externalities, node: NodeRuntime) -> bytes:
    """``Core_initialize_block(header) -> ExtrinsicInclusionMode`` (always AllExtrinsics)."""
    try:
        header = Header.decode(data)
    except (DecodeError, BlockError) as exc:
        raise _bad_input("Core_initialize_block", exc) from None
    node.executive.initialize_block(ext, header)
    return ExtrinsicInclusionMode.encode(EnumValue("AllExtrinsics", None))


# -- Metadata ----------------------------------------------------------------------------------


def metadata_metadata(data: bytes, ext: Externalities, node: NodeRuntime) -> bytes:
    """``Metadata_metadata() -> OpaqueMetadata`` (V14)."""
    _no_input("Metadata_metadata", data)
    return node.metadata.metadata()


def metadata_at_version(data: bytes, ext: Externalities, node: NodeRuntime) -> bytes:
    """``Metadata_metadata_at_version(version: u32) -> Option<OpaqueMetadata>``."""
    return node.metadata.metadata_at_version(_u32("Metadata_metadata_at_version", data))


def metadata_versions(data: bytes, ext: Externalities, node: NodeRuntime) -> bytes:
    """``Metadata_metadata_versions() -> Vec<u32>``."""
    _no_input("Metadata_metadata_versions", data)
    return node.metadata.metadata_versions()


# -- BlockBuilder ------------------------------------------------------------------------------


def apply_extrinsic(data: bytes, ext: Externalities, node: NodeRuntime) -> bytes:
    """``BlockBuilder_apply_extrinsic(extrinsic) -> ApplyExtrinsicResult``."""
    return encode_apply_extrinsic_result(node.executive.apply_extrinsic(ext, data))


def finalize_block(data: bytes, ext: Externalities, node: NodeRuntime) -> bytes:
    """``BlockBuilder_finalize_block() -> Header``."""
    _no_input("BlockBuilder_finalize_block", data)
    return node.executive.finalize_block(ext).encode()


def inherent_extrinsics(data: bytes, ext: Externalities, node: NodeRuntime) -> bytes:
    """``BlockBuilder_inherent_extrinsics(inherent) -> Vec<Extrinsic>``: ``Timestamp.set``
    from the ``timstap0`` entry (at least ``Now + MinimumPeriod``)."""
    inherents = _inherent_data(data, "BlockBuilder_inherent_extrinsics")
    extrinsics: list[bytes] = []
    raw = inherents.get(TIMESTAMP_INHERENT_ID)
    if node.timestamp is not None and raw is not None:
        now = node.timestamp.create_inherent(ext, _timestamp_value(raw))
        call = node.timestamp.set.encode(now=now)
        extrinsics.append(UncheckedExtrinsic(call).encode())
    return encode_compact(len(extrinsics)) + b"".join(extrinsics)


def _timestamp_value(raw: bytes) -> int:
    if len(raw) != 8:
        raise _bad_input("the timestamp inherent", f"expected a u64, got {len(raw)} byte(s)")
    return int(U64.decode(raw))


def check_inherents(data: bytes, ext: Externalities, node: NodeRuntime) -> bytes:
    """``BlockBuilder_check_inherents(block, data) -> CheckInherentsResult``: the block's
    ``Timestamp.set`` against the local time in ``data`` and ``Now + MinimumPeriod``."""
    block, end = _block_from(data, "BlockBuilder_check_inherents")
    inherents = _inherent_data(data[end:], "BlockBuilder_check_inherents")
    errors: dict[bytes, bytes] = {}
    for call in _inherent_calls(block, node):
        if node.timestamp is None or call.definition.pallet != "Timestamp":
            continue
        local = inherents.get(TIMESTAMP_INHERENT_ID)
        if local is None:
            raise _bad_input("BlockBuilder_check_inherents", "no timstap0 inherent data")
        error = node.timestamp.check_inherent(ext, call.args["now"], _timestamp_value(local))
        if error is not None:
            errors[TIMESTAMP_INHERENT_ID] = TimestampInherentError.encode(EnumValue(error, None))
            break
    return CheckInherentsResult.encode({"okay": not errors, "fatal_error": bool(errors),
                                        "errors": {"data": errors}})


def _inherent_calls(block: Block, node: NodeRuntime) -> list[DecodedCall]:
    calls = []
    for encoded in block.extrinsics:
        try:
            extrinsic = decode_extrinsic(encoded, node.executive.extensions)
            if not extrinsic.is_signed:
                calls.append(node.runtime.decode_call(extrinsic.call))
        except (ExtrinsicDecodeError, CallDecodeError):
            continue
    return calls


# -- transaction queue, nonce, fees -------------------------------------------------------------


def tagged_validate_transaction(data: bytes, ext: Externalities, node: NodeRuntime) -> bytes:
    """``TaggedTransactionQueue_validate_transaction(source, tx, block_hash)
    -> TransactionValidity`` (``source u8 ‖ extrinsic ‖ hash[32]``)."""
    what = "TaggedTransactionQueue_validate_transaction"
    if len(data) < 34:
        raise _bad_input(what, f"{len(data)} byte(s) cannot hold source, extrinsic and hash")
    try:
        source = decode_transaction_source(data[:1])
    except ValidityCodecError as exc:
        raise _bad_input(what, exc) from None
    return encode_validity(validate_transaction(node.executive, ext, source, data[1:-32],
                                                data[-32:]))


def account_nonce(data: bytes, ext: Externalities, node: NodeRuntime) -> bytes:
    """``AccountNonceApi_account_nonce(account) -> u32``."""
    if len(data) != 32:
        raise _bad_input("AccountNonceApi_account_nonce", "expected a 32-byte AccountId")
    return U32.encode(system.account_dict(ext, data)["nonce"])


def _payment_target(data: bytes, node: NodeRuntime, what: str) -> tuple[DecodedCall, int, bool]:
    """The call, the given length and bareness of a fee query; the signature is NOT checked
    (clients send zero signatures)."""
    encoded, length = _split_extrinsic_and_len(data, what)
    try:
        extrinsic = decode_extrinsic(encoded, node.executive.extensions)
        call = node.runtime.decode_call(extrinsic.call)
    except (ExtrinsicDecodeError, CallDecodeError) as exc:
        raise _bad_input(what, exc) from None
    return call, length, not extrinsic.is_signed


def query_info(data: bytes, ext: Externalities, node: NodeRuntime) -> bytes:
    """``TransactionPaymentApi_query_info(uxt, len) -> RuntimeDispatchInfo``."""
    call, length, bare = _payment_target(data, node, "TransactionPaymentApi_query_info")
    return fees.query_info(ext, length, call.dispatch_info(), bare)


def query_fee_details(data: bytes, ext: Externalities, node: NodeRuntime) -> bytes:
    """``TransactionPaymentApi_query_fee_details(uxt, len) -> FeeDetails``."""
    call, length, bare = _payment_target(data, node, "TransactionPaymentApi_query_fee_details")
    return fees.query_fee_details(ext, length, call.dispatch_info(), bare)


def query_weight_to_fee(data: bytes, ext: Externalities, node: NodeRuntime) -> bytes:
    """``TransactionPaymentApi_query_weight_to_fee(weight) -> Balance``."""
    try:
        weight = WeightType.decode(data)
    except DecodeError as exc:
        raise _bad_input("TransactionPaymentApi_query_weight_to_fee", exc) from None
    return U64.encode(fees.weight_to_fee(Weight(weight.ref_time, weight.proof_size)))


def query_length_to_fee(data: bytes, ext: Externalities, node: NodeRuntime) -> bytes:
    """``TransactionPaymentApi_query_length_to_fee(length) -> Balance``."""
    return U64.encode(fees.length_to_fee(_u32("TransactionPaymentApi_query_length_to_fee",
                                              data)))


# -- Aura ----------------------------------------------------------------------------------------


def aura_slot_duration(data: bytes, ext: Externalities, node: NodeRuntime) -> bytes:
    """``AuraApi_slot_duration() -> SlotDuration``."""
    _no_input("AuraApi_slot_duration", data)
    if node.aura is None:
        raise method_not_found("AuraApi_slot_duration")
    return SlotDuration.encode(node.aura.slot_duration())


def aura_authorities(data: bytes, ext: Externalities, node: NodeRuntime) -> bytes:
    """``AuraApi_authorities() -> Vec<AuthorityId>``."""
    _no_input("AuraApi_authorities", data)
    if node.aura is None:
        raise method_not_found("AuraApi_authorities")
    return node.aura.Authorities.value_type.encode(node.aura.authorities(ext))


# -- Grandpa -------------------------------------------------------------------------------------


def _grandpa(node: NodeRuntime, method: str) -> ModuleType:
    if node.grandpa is None:
        raise method_not_found(method)
    return node.grandpa


def grandpa_authorities(data: bytes, ext: Externalities, node: NodeRuntime) -> bytes:
    """``GrandpaApi_grandpa_authorities() -> Vec<(AuthorityId, u64)>``."""
    _no_input("GrandpaApi_grandpa_authorities", data)
    grandpa = _grandpa(node, "GrandpaApi_grandpa_authorities")
    return grandpa.AuthorityList.encode(grandpa.authorities(ext))


def grandpa_current_set_id(data: bytes, ext: Externalities, node: NodeRuntime) -> bytes:
    """``GrandpaApi_current_set_id() -> u64``."""
    _no_input("GrandpaApi_current_set_id", data)
    return U64.encode(_grandpa(node, "GrandpaApi_current_set_id").CurrentSetId.get(ext))


def grandpa_no_report(data: bytes, ext: Externalities, node: NodeRuntime) -> bytes:
    """``submit_report_equivocation_unsigned_extrinsic`` / ``generate_key_ownership_proof``:
    ``None``, as subtensor answers (``KeyOwnerProof = Void``: no report can be made)."""
    _grandpa(node, "GrandpaApi_generate_key_ownership_proof")
    return b"\x00"


HANDLERS: dict[str, Handler] = {
    "Core_version": core_version,
    "Core_execute_block": core_execute_block,
    "Core_initialize_block": core_initialize_block,
    "Metadata_metadata": metadata_metadata,
    "Metadata_metadata_at_version": metadata_at_version,
    "Metadata_metadata_versions": metadata_versions,
    "BlockBuilder_apply_extrinsic": apply_extrinsic,
    "BlockBuilder_finalize_block": finalize_block,
    "BlockBuilder_inherent_extrinsics": inherent_extrinsics,
    "BlockBuilder_check_inherents": check_inherents,
    "TaggedTransactionQueue_validate_transaction": tagged_validate_transaction,
    "AccountNonceApi_account_nonce": account_nonce,
    "TransactionPaymentApi_query_info": query_info,
    "TransactionPaymentApi_query_fee_details": query_fee_details,
    "TransactionPaymentApi_query_weight_to_fee": query_weight_to_fee,
    "TransactionPaymentApi_query_length_to_fee": query_length_to_fee,
    "AuraApi_slot_duration": aura_slot_duration,
    "AuraApi_authorities": aura_authorities,
    "GrandpaApi_grandpa_authorities": grandpa_authorities,
    "GrandpaApi_current_set_id": grandpa_current_set_id,
    "GrandpaApi_submit_report_equivocation_unsigned_extrinsic": grandpa_no_report,
    "GrandpaApi_generate_key_ownership_proof": grandpa_no_report,
}
"""Every exported method, by its ``state_call`` name."""
HANDLERS.update(SUBTENSOR_HANDLERS)
HANDLERS.update(SWAP_HANDLERS)


def served_methods(node: NodeRuntime) -> list[str]:
    """The ``state_call`` names of every method the runtime declares (and answers)."""
    return [f"{a.name}_{m.name}" for a in node.apis for m in a.metadata.methods]


def dispatch(method: str, data: bytes, ext: Externalities, node: NodeRuntime) -> bytes:
    """Run runtime API ``method`` with SCALE input ``data`` on ``ext``; the SCALE output."""
    handler = HANDLERS.get(method)
    if handler is None or method not in served_methods(node):
        raise method_not_found(method)
    return handler(bytes(data), ext, node)
