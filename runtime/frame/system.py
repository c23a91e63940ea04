"""The System pallet's core: accounts, block bookkeeping and events (FRAME's ``frame_system``).

It lives in the framework rather than under ``runtime/pallets`` because every pallet depends on
it (events, account reference counts), exactly as every FRAME pallet depends on ``frame_system``.
Its calls (``remark``, ``set_code``, ...) are declared on the same :data:`system` pallet object in
:mod:`runtime.frame.system_calls`.

Events (spec/substrate.md §6.3) are appended to ``System.Events`` as ``EventRecord { phase, event,
topics }`` where ``event`` is the ``RuntimeEvent`` encoding (pallet index, event index, fields)
that :class:`~runtime.frame.pallet.Event` already carries, so depositing needs no outer enum. The
outer ``RuntimeEvent`` enum exists only once pallets are composed into a runtime; decoding events
or describing them in metadata uses :func:`event_record_type` with that runtime's enum.
"""

from __future__ import annotations

from typing import Any

from runtime.frame.dispatch import DispatchError, DispatchErrorType, DispatchInfoType, Weight
from runtime.frame.pallet import Event, Pallet
from runtime.frame.storage import VALUE_QUERY, blake2_128_concat, twox64_concat
from runtime.primitives.block import DIGEST_TYPE, DigestItem
from runtime.primitives.block import Digest as BlockDigest
from runtime.primitives.externalities import Externalities
from runtime.primitives.scale import (
    U8,
    U32,
    U64,
    U128,
    Bytes,
    Enum,
    EnumValue,
    LazyType,
    ScaleType,
    Struct,
    TypeParam,
    Vec,
)
from runtime.primitives.scale.common import H256, AccountId32
from runtime.primitives.scale.common import Weight as WeightType

system = Pallet("System", 0, docs=("Accounts, block bookkeeping and events.",))

# -- types --------------------------------------------------------------------------------------

ExtraFlags = Struct("ExtraFlags", [(None, U128, "u128")],
                    path=("pallet_balances", "types", "ExtraFlags"))

AccountData = Struct("AccountData", [
    ("free", U64, "Balance"),
    ("reserved", U64, "Balance"),
    ("frozen", U64, "Balance"),
    ("flags", ExtraFlags, "ExtraFlags"),
], path=("pallet_balances", "types", "AccountData"), params=(TypeParam("Balance", U64),))

AccountInfo = Struct("AccountInfo", [
    ("nonce", U32, "Nonce"),
    ("consumers", U32, "RefCount"),
    ("providers", U32, "RefCount"),
    ("sufficients", U32, "RefCount"),
    ("data", AccountData, "AccountData"),
], path=("frame_system", "AccountInfo"),
    params=(TypeParam("Nonce", U32), TypeParam("AccountData", AccountData)))

NEW_LOGIC_FLAG = 1 << 127
"""``ExtraFlags`` bit set on every account written by the current balances logic."""

DEFAULT_ACCOUNT_INFO = {"nonce": 0, "consumers": 0, "providers": 0, "sufficients": 0,
                        "data": {"free": 0, "reserved": 0, "frozen": 0, "flags": NEW_LOGIC_FLAG}}

Phase = Enum("Phase", [
    ("ApplyExtrinsic", [(None, U32, "u32")]),
    "Finalization",
    "Initialization",
], path=("frame_system", "Phase"))

def _unbound_runtime_event() -> ScaleType:
    raise RuntimeError("System.Events holds RuntimeEvent values, which only a composed runtime "
                       "can decode: use event_record_type(runtime.event_type) instead")


UnboundRuntimeEvent = LazyType("RuntimeEvent", _unbound_runtime_event)
"""Stands for the composed runtime's ``RuntimeEvent`` in the pallet-level declaration."""


def event_record_type(runtime_event: ScaleType) -> ScaleType:
    """``frame_system::EventRecord<RuntimeEvent, H256>`` for a composed runtime's event enum."""
    return Struct("EventRecord", [
        ("phase", Phase, "Phase"),
        ("event", runtime_event, "E"),
        ("topics", Vec(H256), "Vec<T>"),
    ], path=("frame_system", "EventRecord"),
        params=(TypeParam("E", runtime_event), TypeParam("T", H256)))


EventRecord = event_record_type(UnboundRuntimeEvent)

PerDispatchClassWeight = Struct("PerDispatchClass", [
    ("normal", WeightType, "T"),
    ("operational", WeightType, "T"),
    ("mandatory", WeightType, "T"),
], path=("frame_support", "dispatch", "PerDispatchClass"), params=(TypeParam("T", WeightType),))
"""``PerDispatchClass<Weight>``: one weight per dispatch class (``System.BlockWeight``)."""

_ZERO_WEIGHT = {"ref_time": 0, "proof_size": 0}

# -- storage ------------------------------------------------------------------------------------

Account = system.map("Account", blake2_128_concat(AccountId32, "T::AccountId"), AccountInfo,
                     query=VALUE_QUERY, default=DEFAULT_ACCOUNT_INFO,
                     docs=("The full account information for a particular account ID.",))
ExtrinsicCount = system.value("ExtrinsicCount", U32, docs=("Total extrinsics count.",))
BlockWeight = system.value("BlockWeight", PerDispatchClassWeight, query=VALUE_QUERY,
                           default={"normal": _ZERO_WEIGHT, "operational": _ZERO_WEIGHT,
                                    "mandatory": _ZERO_WEIGHT},
                           docs=("The current weight for the block.",))
BlockHash = system.map("BlockHash", twox64_concat(U32, "BlockNumberFor<T>"), H256,
                       query=VALUE_QUERY, default=bytes(32),
                       docs=("Map of block numbers to block hashes.",))
Number = system.value("Number", U32, query=VALUE_QUERY, default=0,
                      docs=("The current block number being processed.",))
ParentHash = system.value("ParentHash", H256, query=VALUE_QUERY, default=bytes(32),
                          docs=("Hash of the previous block.",))
Events = system.value("Events", Vec(EventRecord), query=VALUE_QUERY, default=[],
                      docs=("Events deposited for the current block.",))
EventCount = system.value("EventCount", U32, query=VALUE_QUERY, default=0,
                          docs=("The number of events in the `Events<T>` list.",))
ExecutionPhase = system.value("ExecutionPhase", Phase,
                              docs=("The execution phase of the block.",))
ExtrinsicData = system.map("ExtrinsicData", twox64_concat(U32, "u32"), Bytes, query=VALUE_QUERY,
                           default=b"", docs=("Extrinsics data for the current block (maps an "
                                              "extrinsic's index to its data).",))
AllExtrinsicsLen = system.value("AllExtrinsicsLen", U32,
                                docs=("Total length (in bytes) for all extrinsics put together, "
                                      "for the current block.",))
Digest = system.value("Digest", DIGEST_TYPE, query=VALUE_QUERY, default={"logs": []},
                      docs=("Digest of the current block, also part of the block header.",))

EXTRINSIC_BASE_WEIGHT = Weight(115_480_000, 0)
"""frame_support's ``ExtrinsicBaseWeight`` (115,480 ns): the weight every applied extrinsic adds
on top of its call, for every dispatch class (``BlockWeights``)."""

BLOCK_HASH_COUNT = 2400
"""How many recent block hashes ``System.BlockHash`` keeps (subtensor's ``BlockHashCount``)."""

EXTRINSIC_INDEX_KEY = b":extrinsic_index"
"""Well-known key holding the index (u32) of the extrinsic being applied."""

# -- events and errors --------------------------------------------------------------------------

ExtrinsicSuccess = system.event(0, "ExtrinsicSuccess", [
    ("dispatch_info", DispatchInfoType, "DispatchEventInfo")],
    "An extrinsic completed successfully.")
ExtrinsicFailed = system.event(1, "ExtrinsicFailed", [
    ("dispatch_error", DispatchErrorType, "DispatchError"),
    ("dispatch_info", DispatchInfoType, "DispatchEventInfo")],
    "An extrinsic failed.")
CodeUpdated = system.event(2, "CodeUpdated", (), "`:code` was updated.")
NewAccount = system.event(3, "NewAccount", [("account", AccountId32, "T::AccountId")],
                          "A new account was created.")
KilledAccount = system.event(4, "KilledAccount", [("account", AccountId32, "T::AccountId")],
                             "An account was reaped.")
Remarked = system.event(5, "Remarked", [("sender", AccountId32, "T::AccountId"),
                                        ("hash", H256, "T::Hash")],
                        "On on-chain remark happened.")

InvalidSpecName = system.error(0, "InvalidSpecName", "The name of specification does not match.")
SpecVersionNeedsToIncrease = system.error(1, "SpecVersionNeedsToIncrease",
                                          "The specification version is not allowed to decrease.")
FailedToExtractRuntimeVersion = system.error(2, "FailedToExtractRuntimeVersion",
                                             "Failed to extract the runtime version.")
NonDefaultComposite = system.error(3, "NonDefaultComposite",
                                   "Suicide called when the account has non-default composite.")
NonZeroRefCount = system.error(4, "NonZeroRefCount",
                               "There is a non-zero reference count preventing the account "
                               "from being purged.")
CallFiltered = system.error(5, "CallFiltered", "The origin filter prevent the call.")

system.constant("SS58Prefix", U8, 42, "The designated SS58 prefix of this chain.")
system.constant("BlockHashCount", U32, BLOCK_HASH_COUNT, "Maximum number of block number to "
                "block hash mappings to keep (oldest pruned first).")

# -- depositing events --------------------------------------------------------------------------

_PHASE_INITIALIZATION = Phase.encode(EnumValue("Initialization", None))
_NO_TOPICS = b"\x00"


def current_phase_bytes(ext: Externalities) -> bytes:
    """The SCALE ``Phase`` events deposited now get (Initialization when unset)."""
    raw = ext.get(ExecutionPhase.storage_key())
    return _PHASE_INITIALIZATION if raw is None else raw


def deposit_event(ext: Externalities, event: Event) -> None:
    """Append ``event`` to ``System.Events`` with the current phase and bump ``EventCount``.

    The record is added with the host's ``append`` (Substrate's ``storage_append``), so depositing
    neither decodes nor copies earlier events: O(1) per event, not O(events so far).
    """
    record = current_phase_bytes(ext) + event.encoded + _NO_TOPICS
    ext.append(Events.storage_key(), record)
    EventCount.insert(ext, EventCount.get(ext) + 1)



# -- account reference counting (frame_system's providers / consumers) -----------------------------


def account(ext: Externalities, who: bytes) -> Any:
    """The ``AccountInfo`` of ``who`` (the default for an absent account)."""
    return Account.get(ext, who)


def _as_dict(info: Any) -> dict[str, Any]:
    data = info.data if hasattr(info, "data") else info["data"]
    base = info._asdict() if hasattr(info, "_asdict") else dict(info)
    base["data"] = data._asdict() if hasattr(data, "_asdict") else dict(data)
    return base


def account_dict(ext: Externalities, who: bytes) -> dict[str, Any]:
    """The ``AccountInfo`` of ``who`` as a mutable dict (nested ``data`` dict)."""
    return _as_dict(Account.get(ext, who))


def account_exists(ext: Externalities, who: bytes) -> bool:
    """Whether ``System.Account`` holds an entry for ``who``."""
    return Account.contains(ext, who)


def inc_providers(ext: Externalities, who: bytes) -> None:
    """Add a provider reference; creating the account (``NewAccount``) when it had none."""
    info = account_dict(ext, who)
    created = info["providers"] == 0 and info["sufficients"] == 0
    info["providers"] += 1
    Account.insert(ext, who, info)
    if created:
        deposit_event(ext, NewAccount(who))


def can_dec_provider(ext: Externalities, who: bytes) -> bool:
    """Whether a provider reference can go without the account's consumers being stranded."""
    info = account(ext, who)
    return info.consumers == 0 or info.providers > 1


def dec_providers(ext: Externalities, who: bytes) -> bool:
    """Drop a provider reference; returns True when the account was reaped (``KilledAccount``).

    Raises ``DispatchError::ConsumerRemaining`` when the last provider would go while consumers
    remain (whatever the sufficients), as ``frame_system::dec_providers`` does.
    """
    if not Account.contains(ext, who):
        return True
    info = account_dict(ext, who)
    if info["providers"] == 0:
        return False
    if info["providers"] == 1 and info["consumers"] > 0:
        raise DispatchError("ConsumerRemaining")
    if info["providers"] == 1 and info["sufficients"] == 0:
        Account.remove(ext, who)
        deposit_event(ext, KilledAccount(who))
        return True
    info["providers"] -= 1
    Account.insert(ext, who, info)
    return False


def inc_consumers(ext: Externalities, who: bytes, max_consumers: int = 16) -> None:
    """Add a consumer reference; needs a provider and stays under ``max_consumers``."""
    info = account_dict(ext, who)
    if info["providers"] == 0:
        raise DispatchError("NoProviders")
    if info["consumers"] >= max_consumers:
        raise DispatchError("TooManyConsumers")
    info["consumers"] += 1
    Account.insert(ext, who, info)


def dec_consumers(ext: Externalities, who: bytes) -> None:
    """Drop a consumer reference (saturating at zero)."""
    if Account.contains(ext, who):
        info = account_dict(ext, who)
        info["consumers"] = max(0, info["consumers"] - 1)
        Account.insert(ext, who, info)


def inc_account_nonce(ext: Externalities, who: bytes) -> None:
    """Increase the account's nonce by one (``CheckNonce`` after a signed extrinsic)."""
    info = account_dict(ext, who)
    info["nonce"] = (info["nonce"] + 1) & 0xFFFF_FFFF
    Account.insert(ext, who, info)


def deposit_log(ext: Externalities, item: DigestItem) -> None:
    """Append a digest item to the header being built (``frame_system::deposit_log``): the
    executive reads ``System.Digest`` back when it finalizes the block."""
    raw = ext.get(Digest.storage_key())
    digest = BlockDigest() if raw is None else BlockDigest.decode_from(raw, 0)[0]
    ext.set(Digest.storage_key(), BlockDigest((*digest.logs, item)).encode())
