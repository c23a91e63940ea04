"""The runtime APIs this runtime serves, declared once for V15 metadata and ``RuntimeVersion``.

Names, method names, Rust parameter names and API versions are subtensor's (spec_version 425,
polkadot-sdk stable2412 traits): Core 5, Metadata 2, BlockBuilder 6, TaggedTransactionQueue 3,
AuraApi 1, GrandpaApi 3, AccountNonceApi 1, TransactionPaymentApi 4. The API id listed in
``RuntimeVersion.apis`` is ``blake2b-64`` of the trait name (substrate.md §6.1).

Every method declared here is answered by :func:`runtime.apis.calls.dispatch` with exactly the
declared input and output types: clients encode inputs and decode outputs from these
declarations (clients.md §7).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from runtime.apis.types import (
    CheckInherentsResult,
    ExtrinsicInclusionMode,
    InherentData,
    SlotDuration,
    block_type,
    grandpa_report_types,
)
from runtime.apis_subtensor import SUBTENSOR_API_VERSIONS
from runtime.apis_subtensor import SUBTENSOR_APIS as SUBTENSOR_APIS
from runtime.apis_swap import SWAP_API_VERSIONS
from runtime.apis_swap import SWAP_APIS as SWAP_APIS
from runtime.extrinsic.apply import APPLY_EXTRINSIC_RESULT
from runtime.extrinsic.validity import TRANSACTION_SOURCE, TRANSACTION_VALIDITY
from runtime.metadata import METADATA_API, RuntimeApiMetadata, RuntimeApiMethodMetadata
from runtime.primitives.block import HEADER_TYPE
from runtime.primitives.hashing import runtime_api_id
from runtime.primitives.scale import U32, U64, Option, ScaleType, Tuple, Unit, Vec
from runtime.primitives.scale.common import H256, AccountId32, RuntimeVersion, Weight

API_VERSIONS = {
    "Core": 5,
    "Metadata": 2,
    "BlockBuilder": 6,
    "TaggedTransactionQueue": 3,
    "AuraApi": 1,
    "GrandpaApi": 3,
    "AccountNonceApi": 1,
    "TransactionPaymentApi": 4,
}
"""The reference's version of every API trait served here, in ``impl_runtime_apis!`` order."""
API_VERSIONS.update(SUBTENSOR_API_VERSIONS)
API_VERSIONS.update(SWAP_API_VERSIONS)

M = RuntimeApiMethodMetadata


@dataclass(frozen=True, slots=True)
class ServedApi:
    """A runtime-API trait as served: its metadata and its version."""

    metadata: RuntimeApiMetadata
    version: int

    @property
    def name(self) -> str:
        """The trait name (``Core``)."""
        return self.metadata.name

    @property
    def api_id(self) -> bytes:
        """``blake2b-64`` of the trait name, as ``RuntimeVersion.apis`` lists it."""
        return runtime_api_id(self.name)


def core_api(extrinsic: ScaleType) -> RuntimeApiMetadata:
    """``Core``: version, execute_block, initialize_block."""
    return RuntimeApiMetadata("Core", (
        M("version", (), RuntimeVersion, (" Returns the version of the runtime.",)),
        M("execute_block", (("block", block_type(extrinsic)),), Unit,
          (" Execute the given block.",)),
        M("initialize_block", (("header", HEADER_TYPE),), ExtrinsicInclusionMode,
          (" Initialize a block with the given header and return the runtime executive mode.",)),
    ), (" The `Core` runtime api that every Substrate runtime needs to implement.",))


def block_builder_api(extrinsic: ScaleType) -> RuntimeApiMetadata:
    """``BlockBuilder``: apply_extrinsic, finalize_block, inherent_extrinsics,
    check_inherents."""
    return RuntimeApiMetadata("BlockBuilder", (
        M("apply_extrinsic", (("extrinsic", extrinsic),), APPLY_EXTRINSIC_RESULT,
          (" Apply the given extrinsic.",)),
        M("finalize_block", (), HEADER_TYPE, (" Finish the current block.",)),
        M("inherent_extrinsics", (("inherent", InherentData),), Vec(extrinsic),
          (" Generate inherent extrinsics. The inherent data will vary from chain to chain.",)),
        M("check_inherents", (("block", block_type(extrinsic)), ("data", InherentData)),
          CheckInherentsResult, (" Check that the inherents are valid.",)),
    ), (" The `BlockBuilder` api trait that provides the required functionality for building a"
        " block.",))


def tagged_transaction_queue_api(extrinsic: ScaleType) -> RuntimeApiMetadata:
    """``TaggedTransactionQueue``: validate_transaction(source, tx, block_hash)."""
    return RuntimeApiMetadata("TaggedTransactionQueue", (
        M("validate_transaction", (("source", TRANSACTION_SOURCE), ("tx", extrinsic),
                                   ("block_hash", H256)), TRANSACTION_VALIDITY,
          (" Validate the transaction.",)),
    ), (" The `TaggedTransactionQueue` api trait for interfering with the transaction queue.",))


ACCOUNT_NONCE_API = RuntimeApiMetadata("AccountNonceApi", (
    M("account_nonce", (("account", AccountId32),), U32, (" Get current account nonce of given"
                                                          " `AccountId`.",)),
), (" The API to query account nonce.",))


def transaction_payment_api(extrinsic: ScaleType, dispatch_info: ScaleType,
                            fee_details: ScaleType) -> RuntimeApiMetadata:
    """``TransactionPaymentApi`` (version 4): query_info, query_fee_details,
    query_weight_to_fee, query_length_to_fee."""
    return RuntimeApiMetadata("TransactionPaymentApi", (
        M("query_info", (("uxt", extrinsic), ("len", U32)), dispatch_info),
        M("query_fee_details", (("uxt", extrinsic), ("len", U32)), fee_details),
        M("query_weight_to_fee", (("weight", Weight),), U64),
        M("query_length_to_fee", (("length", U32),), U64),
    ))


def aura_api(authority_id: ScaleType) -> RuntimeApiMetadata:
    """``AuraApi``: slot_duration, authorities."""
    return RuntimeApiMetadata("AuraApi", (
        M("slot_duration", (), SlotDuration, (" Returns the slot duration for Aura.",)),
        M("authorities", (), Vec(authority_id), (" Return the current set of authorities.",)),
    ), (" API necessary for block authorship with aura.",))


def grandpa_api(authority_id: ScaleType) -> RuntimeApiMetadata:
    """``GrandpaApi`` (version 3): grandpa_authorities, the equivocation-report pair (subtensor
    answers None to both: ``KeyOwnerProof = Void``), current_set_id."""
    proof, key_owner = grandpa_report_types(authority_id)
    return RuntimeApiMetadata("GrandpaApi", (
        M("grandpa_authorities", (), Vec(Tuple(authority_id, U64)),
          (" Get the current GRANDPA authorities and weights.",)),
        M("submit_report_equivocation_unsigned_extrinsic",
          (("equivocation_proof", proof), ("key_owner_proof", key_owner)), Option(Unit)),
        M("generate_key_ownership_proof", (("set_id", U64), ("authority_id", authority_id)),
          Option(key_owner)),
        M("current_set_id", (), U64, (" Get current GRANDPA authority set id.",)),
    ), (" APIs for integrating the GRANDPA finality gadget into runtimes.",))


METADATA = METADATA_API
"""``Metadata``: metadata, metadata_at_version, metadata_versions."""


def runtime_version_apis(served: Sequence[ServedApi]) -> list[tuple[bytes, int]]:
    """``RuntimeVersion.apis``: ``(id, version)`` of every served trait, in order."""
    return [(api.api_id, api.version) for api in served]
