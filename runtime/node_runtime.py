"""The assembled runtime: subtensor's ``construct_runtime!`` as far as the pallets exist.

Pallets at subtensor's indices (spec/subtensor.md §7.3): System 0, Timestamp 2, Aura 3,
Grandpa 4, Balances 5, TransactionPayment 6, SubtensorModule 7, Utility 11, Sudo 12. Pallets
whose module is not present yet are left out (:func:`optional_module`);
``NodeRuntime.pallet_names`` says which were composed. The rest of the composition:

- :data:`VERSION` — ``node-subtensor`` spec 425, transaction_version 1, state_version 1;
- :class:`TransactionPaymentFees` — the executive's ``FeeHandler`` over TransactionPayment's
  ``pre_dispatch_charge``/``post_dispatch_charge`` (fees go to the block's Aura author);
- :class:`RuntimeCallDispatcher` — bound for Utility and Sudo, which dispatch inner
  ``RuntimeCall`` values;
- :class:`ComposedRuntime` — ``Runtime`` plus Aura's ``on_initialize``, which reads the slot from
  the header digest (``System.Digest``), and Grandpa's ``on_finalize``, whose consensus logs go
  into that digest (``System.deposit_log``);
- the V15/V14 metadata input with ``System.Events`` typed by this runtime's ``RuntimeEvent``,
  and the served runtime APIs (:mod:`runtime.apis.declarations`) in both the V15 ``apis`` list
  and ``RuntimeVersion.apis``.

:func:`node_runtime` builds all of it once per process (the ``RuntimeCall`` binding is
process-wide) and returns the same :class:`NodeRuntime` afterwards.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import Any

from runtime.apis import declarations as api
from runtime.composition import DecodedCall, Runtime
from runtime.executive import Executive, VersionInfo
from runtime.extrinsic.extensions import SUBTENSOR_EXTENSIONS
from runtime.extrinsic.validity import InvalidTransaction
from runtime.frame import system
from runtime.frame.dispatch import DispatchInfo, Origin
from runtime.frame.metadata import pallet_metadata
from runtime.frame.pallet import Pallet
from runtime.metadata import (
    MetadataProvider,
    OuterEnums,
    RuntimeMetadataInput,
    SignedExtensionMetadata,
    build_metadata_input,
    build_outer_enums,
    extrinsic_metadata,
)
from runtime.pallets.balances import balances
from runtime.pallets.sudo import pallet as sudo
from runtime.pallets.transaction_payment import charge
from runtime.pallets.transaction_payment import pallet as transaction_payment
from runtime.pallets.utility import pallet as utility
from runtime.pallets.utility.post_dispatch import PostDispatchInfo
from runtime.pallets.utility.runtime_call import Forbidden, bind_runtime_call
from runtime.primitives.block import Digest
from runtime.primitives.externalities import Externalities
from runtime.primitives.scale import ScaleType, Vec
from runtime.primitives.scale.common import RuntimeVersion

VERSION = VersionInfo(spec_name="node-subtensor", impl_name="node-subtensor",
                      authoring_version=1, spec_version=425, impl_version=1,
                      transaction_version=1, state_version=1)
"""subtensor's ``VERSION`` at spec_version 425 (``system_version`` 1 = state version 1)."""


def optional_module(name: str) -> ModuleType | None:
    """The module ``name`` if it exists in this tree, else None (a pallet not written yet)."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name is not None and name.startswith(exc.name):
            return None
        raise


def stored_digest(ext: Externalities) -> Digest:
    """``System.Digest`` of the block being built (empty when unset)."""
    raw = ext.get(system.Digest.storage_key())
    return Digest() if raw is None else Digest.decode_from(raw, 0)[0]


class ComposedRuntime(Runtime):
    """``Runtime`` with the hooks whose signature is not ``(ext, number)``: Aura's
    ``on_initialize`` needs the header digest, Grandpa's ``on_finalize`` returns digest logs."""

    def __init__(self, pallets: list[Pallet], aura: ModuleType | None,
                 grandpa: ModuleType | None = None) -> None:
        super().__init__(pallets)
        self._aura = aura
        self._grandpa = grandpa

    def on_initialize(self, ext: Externalities, block_number: int) -> None:
        """Every pallet's hooks in index order; Aura records the slot of the pre-digest."""
        for pallet in self.pallets:
            if self._aura is not None and pallet is self._aura.PALLET:
                self._aura.on_initialize(ext, stored_digest(ext))
            for hook in pallet.on_initialize:
                hook(ext, block_number)

    def on_finalize(self, ext: Externalities, block_number: int) -> None:
        """Every pallet's hooks in index order; Grandpa's logs are deposited in the digest."""
        for pallet in self.pallets:
            if self._grandpa is not None and pallet is self._grandpa.PALLET:
                for log in self._grandpa.on_finalize(ext, block_number):
                    system.deposit_log(ext, log)
            for hook in pallet.on_finalize:
                hook(ext, block_number)


class TransactionPaymentFees:
    """The executive's ``FeeHandler``: TransactionPayment's fee, withdrawn before dispatch and
    corrected after it, the payment going to the block's Aura author (burned without one)."""

    def __init__(self, aura: ModuleType | None) -> None:
        self._aura = aura

    def withdraw_fee(self, ext: Externalities, who: bytes, info: DispatchInfo, length: int,
                     tip: int) -> object | InvalidTransaction:
        """``ChargeTransactionPayment::prepare``: the charge kept for ``settle_fee``."""
        try:
            return charge.pre_dispatch_charge(ext, who, length, info, tip)
        except charge.FeePaymentError as refusal:
            return refusal.validity

    def settle_fee(self, ext: Externalities, charged: object, info: DispatchInfo,
                   post_info: PostDispatchInfo, length: int) -> None:
        """``post_dispatch``: correct by the actual weight, refund the excess, pay the author,
        ``TransactionFeePaid``."""
        if not isinstance(charged, charge.ChargedFee):
            raise TypeError(f"settle_fee got {type(charged).__name__}, not a ChargedFee")
        author = None
        if self._aura is not None:
            author = self._aura.author(ext, stored_digest(ext))
        charge.post_dispatch_charge(ext, charged, length, info, post_info, author)


class RuntimeCallDispatcher:
    """Dispatches inner ``RuntimeCall`` values (decoded outer-enum values) for Utility/Sudo.

    The value is re-encoded with the outer enum and decoded by the runtime's call table, so an
    inner call reaches exactly the function an extrinsic would. Only the ``forbid`` list filters
    calls: subtensor's ``BaseCallFilter`` rules concern pallets not composed here.
    """

    def __init__(self, runtime: Runtime, call_type: ScaleType) -> None:
        self._runtime = runtime
        self._call_type = call_type

    def decoded(self, call: Any) -> DecodedCall:
        """The call as the runtime's call table sees it."""
        if isinstance(call, DecodedCall):
            return call
        return self._runtime.decode_call(self._call_type.encode(call))

    def dispatch_info(self, call: Any) -> DispatchInfo:
        """The call's declared dispatch info."""
        return self.decoded(call).dispatch_info()

    def dispatch(self, ext: Externalities, origin: Origin, call: Any, bypass_filter: bool,
                 forbid: Forbidden) -> PostDispatchInfo | None:
        """Run the call; a call named in ``forbid`` fails with ``System.CallFiltered``."""
        decoded = self.decoded(call)
        if (decoded.definition.pallet, decoded.definition.name) in forbid:
            raise system.CallFiltered()
        returned = decoded.definition.function(ext, origin, **decoded.args)
        return returned if isinstance(returned, PostDispatchInfo) else None


@dataclass(frozen=True)
class NodeRuntime:
    """Everything the node needs from the runtime, built once."""

    runtime: ComposedRuntime
    executive: Executive
    outer_enums: OuterEnums
    metadata_input: RuntimeMetadataInput
    metadata: MetadataProvider
    apis: tuple[api.ServedApi, ...]
    timestamp: ModuleType | None
    aura: ModuleType | None
    grandpa: ModuleType | None = None

    @property
    def version(self) -> VersionInfo:
        """The runtime's identity."""
        return self.executive.version

    @property
    def pallet_names(self) -> tuple[str, ...]:
        """The composed pallets, in index order."""
        return tuple(p.name for p in self.runtime.pallets)

    def runtime_version(self) -> bytes:
        """SCALE ``RuntimeVersion`` (``Core_version``, ``state_getRuntimeVersion``)."""
        v = self.version
        return RuntimeVersion.encode({
            "spec_name": v.spec_name, "impl_name": v.impl_name,
            "authoring_version": v.authoring_version, "spec_version": v.spec_version,
            "impl_version": v.impl_version, "apis": api.runtime_version_apis(self.apis),
            "transaction_version": v.transaction_version, "system_version": v.state_version})

    def event_record_type(self) -> ScaleType:
        """``Vec<EventRecord<RuntimeEvent, H256>>``: the type of ``System.Events``."""
        return Vec(system.event_record_type(self.outer_enums.event_type))


def _pallets(*optional: ModuleType | None) -> list[Pallet]:
    pallets = [system.system, balances, transaction_payment.PALLET, utility.PALLET, sudo.PALLET]
    pallets += [m.PALLET for m in optional if m is not None]
    subtensor = optional_module("runtime.pallets.subtensor.pallet")
    if subtensor is not None:
        for part in ("storage", "constants", "events", "errors", "calls"):
            optional_module(f"runtime.pallets.subtensor.{part}")
        pallets.append(subtensor.subtensor)
        pallets += [m.PALLET for m in (optional_module("runtime.pallets.admin_utils"),) if m]
    return pallets


def _served_apis(extrinsic: ScaleType, aura: ModuleType | None, grandpa: ModuleType | None
                 ) -> tuple[api.ServedApi, ...]:
    declared = [
        api.core_api(extrinsic), api.METADATA, api.block_builder_api(extrinsic),
        api.tagged_transaction_queue_api(extrinsic),
    ]
    if aura is not None:
        declared.append(api.aura_api(aura.AuraAuthorityId))
    if grandpa is not None:
        declared.append(api.grandpa_api(grandpa.AuthorityId))
    declared += [api.ACCOUNT_NONCE_API, api.transaction_payment_api(
        extrinsic, transaction_payment.RuntimeDispatchInfo, transaction_payment.FeeDetails)]
    declared += api.SUBTENSOR_APIS
    declared += api.SWAP_APIS
    return tuple(api.ServedApi(d, api.API_VERSIONS[d.name]) for d in declared)


@cache
def node_runtime() -> NodeRuntime:
    """The assembled runtime (built on first use, then shared)."""
    timestamp = optional_module("runtime.pallets.timestamp.pallet")
    aura = optional_module("runtime.pallets.aura.pallet")
    grandpa = optional_module("runtime.pallets.grandpa.pallet")
    runtime = ComposedRuntime(_pallets(timestamp, aura, grandpa), aura, grandpa)
    records = [pallet_metadata(p) for p in runtime.pallets]
    outer = build_outer_enums(records)
    bind_runtime_call(outer.call_type, RuntimeCallDispatcher(runtime, outer.call_type))
    events = Vec(system.event_record_type(outer.event_type))
    records[0] = pallet_metadata(system.system, {"Events": events})
    extensions = [SignedExtensionMetadata(e.identifier, e.explicit, e.implicit)
                  for e in SUBTENSOR_EXTENSIONS]
    extrinsic = extrinsic_metadata(outer.call_type, extensions).type
    if extrinsic is None:
        raise RuntimeError("extrinsic_metadata gave no UncheckedExtrinsic type")
    apis = _served_apis(extrinsic, aura, grandpa)
    metadata_input = build_metadata_input(records, extensions, apis=[a.metadata for a in apis],
                                          outer_enums=outer)
    executive = Executive(runtime, VERSION, TransactionPaymentFees(aura))
    return NodeRuntime(runtime, executive, outer, metadata_input,
                       MetadataProvider(metadata_input), apis, timestamp, aura, grandpa)
