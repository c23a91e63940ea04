"""A small but realistic runtime description for the metadata tests.

System (0) with AccountInfo/EventRecord/Phase/DispatchError, Balances (5) with
``transfer_keep_alive(dest: MultiAddress, value: Compact<u64>)`` at call index 3,
SubtensorModule (7) with a double map and an NMap, Utility (11) whose ``batch`` holds
``Vec<RuntimeCall>`` (a recursive type), the 13 subtensor signed extensions and two runtime
APIs with named parameters.
"""

from __future__ import annotations

from runtime.metadata import (
    METADATA_API,
    ConstantMetadata,
    CustomValueMetadata,
    PalletMetadata,
    RuntimeApiMetadata,
    RuntimeApiMethodMetadata,
    RuntimeMetadataInput,
    SignedExtensionMetadata,
    StorageEntryMetadata,
    build_metadata_input,
    build_outer_enums,
)
from runtime.primitives.era import ERA
from runtime.primitives.hashing import StorageHasher
from runtime.primitives.scale import (
    U8,
    U16,
    U32,
    U64,
    U128,
    Array,
    Bool,
    Bytes,
    Compact,
    Enum,
    Field,
    Lazy,
    Option,
    Struct,
    Tuple,
    TypeParam,
    Unit,
    Variant,
    Vec,
)
from runtime.primitives.scale.common import H256, AccountId32, MultiAddress, Weight

ED = 500
FLAGS_DEFAULT = 1 << 127

AccountData = Struct("AccountData", [
    ("free", U64, "Balance"), ("reserved", U64, "Balance"), ("frozen", U64, "Balance"),
    ("flags", Struct("ExtraFlags", [(None, U128, "u128")],
                     path=("pallet_balances", "types", "ExtraFlags")), "ExtraFlags"),
], path=("pallet_balances", "types", "AccountData"), params=(TypeParam("Balance", U64),))
AccountInfo = Struct("AccountInfo", [
    ("nonce", U32, "Nonce"), ("consumers", U32, "RefCount"), ("providers", U32, "RefCount"),
    ("sufficients", U32, "RefCount"), ("data", AccountData, "AccountData"),
], path=("frame_system", "AccountInfo"),
    params=(TypeParam("Nonce", U32), TypeParam("AccountData", AccountData)))

Phase = Enum("Phase", [("ApplyExtrinsic", [(None, U32, "u32")]), "Finalization",
                       "Initialization"], path=("frame_system", "Phase"))
ModuleError = Struct("ModuleError", [
    ("index", U8, "u8"), ("error", Array(U8, 4), "[u8; MAX_MODULE_ERROR_ENCODED_SIZE]"),
], path=("sp_runtime", "ModuleError"))
DispatchError = Enum("DispatchError", [
    "Other", "CannotLookup", "BadOrigin", ("Module", [(None, ModuleError, "ModuleError")]),
], path=("sp_runtime", "DispatchError"))
DispatchClass = Enum("DispatchClass", ["Normal", "Operational", "Mandatory"],
                     path=("frame_support", "dispatch", "DispatchClass"))
Pays = Enum("Pays", ["Yes", "No"], path=("frame_support", "dispatch", "Pays"))
DispatchInfo = Struct("DispatchInfo", [
    ("weight", Weight, "Weight"), ("class", DispatchClass, "DispatchClass"),
    ("pays_fee", Pays, "Pays"),
], path=("frame_support", "dispatch", "DispatchInfo"))

_T = (TypeParam("T", None),)
_TI = (TypeParam("T", None), TypeParam("I", None))
CALL_DOCS = ("Contains a variant per dispatchable extrinsic that this pallet has.",)

SystemCall = Enum("Call", [
    Variant("remark", (Field("remark", Bytes, "Vec<u8>"),), 0, ("Make some on-chain remark.",)),
    Variant("remark_with_event", (Field("remark", Bytes, "Vec<u8>"),), 7),
], path=("frame_system", "pallet", "Call"), params=_T, docs=CALL_DOCS)
SystemEvent = Enum("Event", [
    Variant("ExtrinsicSuccess", (Field("dispatch_info", DispatchInfo, "DispatchInfo"),), 0),
    Variant("ExtrinsicFailed", (Field("dispatch_error", DispatchError, "DispatchError"),
                                Field("dispatch_info", DispatchInfo, "DispatchInfo")), 1),
    Variant("NewAccount", (Field("account", AccountId32, "T::AccountId"),), 3),
], path=("frame_system", "pallet", "Event"), params=_T)
SystemError = Enum("Error", [
    Variant("InvalidSpecName", (), 0, ("The name of specification does not match.",)),
    Variant("CallFiltered", (), 5),
], path=("frame_system", "pallet", "Error"), params=_T)

BalancesCall = Enum("Call", [
    Variant("transfer_allow_death", (Field("dest", MultiAddress, "AccountIdLookupOf<T>"),
                                     Field("value", Compact(U64), "T::Balance")), 0),
    Variant("force_transfer", (Field("source", MultiAddress, "AccountIdLookupOf<T>"),
                               Field("dest", MultiAddress, "AccountIdLookupOf<T>"),
                               Field("value", Compact(U64), "T::Balance")), 2),
    Variant("transfer_keep_alive", (Field("dest", MultiAddress, "AccountIdLookupOf<T>"),
                                    Field("value", Compact(U64), "T::Balance")), 3),
], path=("pallet_balances", "pallet", "Call"), params=_TI, docs=CALL_DOCS)
BalancesEvent = Enum("Event", [
    Variant("Endowed", (Field("account", AccountId32, "T::AccountId"),
                        Field("free_balance", U64, "T::Balance")), 0),
    Variant("Transfer", (Field("from", AccountId32, "T::AccountId"),
                         Field("to", AccountId32, "T::AccountId"),
                         Field("amount", U64, "T::Balance")), 2, ("Transfer succeeded.",)),
], path=("pallet_balances", "pallet", "Event"), params=_TI)
BalancesError = Enum("Error", [
    Variant("VestingBalance", (), 0), Variant("InsufficientBalance", (), 2),
    Variant("ExistentialDeposit", (), 3),
], path=("pallet_balances", "pallet", "Error"), params=_TI)

SubtensorCall = Enum("Call", [
    Variant("add_stake", (Field("hotkey", AccountId32, "T::AccountId"),
                          Field("netuid", U16, "NetUid"),
                          Field("amount_staked", U64, "TaoCurrency")), 2),
], path=("pallet_subtensor", "pallet", "Call"), params=_T, docs=CALL_DOCS)
SubtensorEvent = Enum("Event", [
    Variant("StakeAdded", (Field(None, AccountId32, "T::AccountId"),
                           Field(None, AccountId32, "T::AccountId"),
                           Field(None, U64, "TaoCurrency"), Field(None, U64, "AlphaCurrency"),
                           Field(None, U16, "NetUid"), Field(None, U64, "u64")), 6),
], path=("pallet_subtensor", "pallet", "Event"), params=_T)
SubtensorError = Enum("Error", [Variant("SubNetworkDoesNotExist", (), 1)],
                      path=("pallet_subtensor", "pallet", "Error"), params=_T)

RUNTIME_CALL = Lazy("RuntimeCall", lambda: OUTER_ENUMS.call_type)
UtilityCall = Enum("Call", [
    Variant("batch", (Field("calls", Vec(RUNTIME_CALL), "Vec<<T as Config>::RuntimeCall>"),), 0),
    Variant("as_derivative", (Field("index", U16, "u16"),
                              Field("call", RUNTIME_CALL, "Box<<T as Config>::RuntimeCall>")), 1),
], path=("pallet_utility", "pallet", "Call"), params=_T, docs=CALL_DOCS)
UtilityEvent = Enum("Event", [Variant("BatchCompleted", (), 2)],
                    path=("pallet_utility", "pallet", "Event"))

EventRecord = Struct("EventRecord", [
    ("phase", Phase, "Phase"),
    ("event", Lazy("RuntimeEvent", lambda: OUTER_ENUMS.event_type), "E"),
    ("topics", Vec(H256), "Vec<T>"),
], path=("frame_system", "EventRecord"),
    params=(TypeParam("E", Lazy("RuntimeEvent", lambda: OUTER_ENUMS.event_type)),
            TypeParam("T", H256)))

ACCOUNT_DEFAULT = AccountInfo.encode({"nonce": 0, "consumers": 0, "providers": 0,
                                      "sufficients": 0, "data": {"free": 0, "reserved": 0,
                                                                 "frozen": 0,
                                                                 "flags": FLAGS_DEFAULT}})

SYSTEM = PalletMetadata("System", 0, storage=(
    StorageEntryMetadata("Account", "Default", (StorageHasher.Blake2_128Concat,), AccountId32,
                         AccountInfo, ACCOUNT_DEFAULT,
                         (" The full account information for a particular account ID.",)),
    StorageEntryMetadata("ExtrinsicCount", "Optional", (), None, U32),
    StorageEntryMetadata("BlockHash", "Default", (StorageHasher.Twox64Concat,), U32, H256,
                         bytes(32)),
    StorageEntryMetadata("Number", "Default", (), None, U32, bytes(4)),
    StorageEntryMetadata("Events", "Default", (), None, Vec(EventRecord), b"\x00"),
), call_type=SystemCall, event_type=SystemEvent, error_type=SystemError, constants=(
    ConstantMetadata("BlockHashCount", U32, U32.encode(2400)),
    ConstantMetadata("SS58Prefix", U16, U16.encode(42), (" The SS58 prefix.",)),
), docs=(" The System pallet.",))
TIMESTAMP = PalletMetadata("Timestamp", 2, storage=(
    StorageEntryMetadata("Now", "Default", (), None, U64, bytes(8)),
    StorageEntryMetadata("DidUpdate", "Default", (), None, Bool, b"\x00"),
))
BALANCES = PalletMetadata("Balances", 5, storage=(
    StorageEntryMetadata("TotalIssuance", "Default", (), None, U64, bytes(8)),
), call_type=BalancesCall, event_type=BalancesEvent, error_type=BalancesError, constants=(
    ConstantMetadata("ExistentialDeposit", U64, U64.encode(ED)),
))
SUBTENSOR = PalletMetadata("SubtensorModule", 7, storage=(
    StorageEntryMetadata("LastHotkeySwapOnNetuid", "Default",
                         (StorageHasher.Identity, StorageHasher.Blake2_128Concat),
                         Tuple(U16, AccountId32), U64, bytes(8)),
    StorageEntryMetadata("Alpha", "Default", (StorageHasher.Blake2_128Concat,) * 2
                         + (StorageHasher.Identity,), Tuple(AccountId32, AccountId32, U16),
                         Struct("U64F64", [("bits", U128, "u128")],
                                path=("substrate_fixed", "FixedU128")), bytes(16)),
    StorageEntryMetadata("TokenSymbol", "Default", (StorageHasher.Identity,), U16, Bytes,
                         b"\x00"),
), call_type=SubtensorCall, event_type=SubtensorEvent, error_type=SubtensorError, constants=(
    ConstantMetadata("KeySwapCost", U64, U64.encode(100_000_000)),
))
UTILITY = PalletMetadata("Utility", 11, call_type=UtilityCall, event_type=UtilityEvent)
PALLETS = (SYSTEM, TIMESTAMP, BALANCES, SUBTENSOR, UTILITY)
OUTER_ENUMS = build_outer_enums(PALLETS)


def _extension(identifier: str, path: tuple[str, ...], fields: list, implicit) -> (
        SignedExtensionMetadata):
    return SignedExtensionMetadata(identifier, Struct(identifier, fields, path=path, params=_T),
                                   implicit)


Mode = Enum("Mode", ["Disabled", "Enabled"], path=("frame_metadata_hash_extension", "Mode"))
_SYS = ("frame_system", "extensions")
EXTENSIONS = (
    _extension("CheckNonZeroSender", (*_SYS, "check_non_zero_sender", "CheckNonZeroSender"),
               [], Unit),
    _extension("CheckSpecVersion", (*_SYS, "check_spec_version", "CheckSpecVersion"), [], U32),
    _extension("CheckTxVersion", (*_SYS, "check_tx_version", "CheckTxVersion"), [], U32),
    _extension("CheckGenesis", (*_SYS, "check_genesis", "CheckGenesis"), [], H256),
    _extension("CheckMortality", (*_SYS, "check_mortality", "CheckMortality"),
               [(None, ERA, "Era")], H256),
    _extension("CheckNonce", ("node_subtensor_runtime", "check_nonce", "CheckNonce"),
               [(None, Compact(U32), "T::Nonce")], Unit),
    _extension("CheckWeight", (*_SYS, "check_weight", "CheckWeight"), [], Unit),
    _extension("ChargeTransactionPayment",
               ("pallet_transaction_payment", "ChargeTransactionPayment"),
               [(None, Compact(U64), "BalanceOf<T>")], Unit),
    _extension("SudoTransactionExtension",
               ("pallet_sudo", "extension", "SudoTransactionExtension"), [], Unit),
    _extension("CheckShieldedTxValidity",
               ("pallet_shield", "extension", "CheckShieldedTxValidity"), [], Unit),
    _extension("SubtensorTransactionExtension",
               ("pallet_subtensor", "transaction_extension", "SubtensorTransactionExtension"),
               [], Unit),
    _extension("DrandPriority", ("pallet_drand", "drand_priority", "DrandPriority"), [], Unit),
    _extension("CheckMetadataHash", ("frame_metadata_hash_extension", "CheckMetadataHash"),
               [("mode", Mode, "Mode")], Option(Array(U8, 32))),
)

SimSwapResult = Struct("SimSwapResult", [
    ("tao_amount", U64, "TaoCurrency"), ("alpha_amount", U64, "AlphaCurrency"),
    ("tao_fee", U64, "TaoCurrency"), ("alpha_fee", U64, "AlphaCurrency"),
], path=("pallet_subtensor_swap_runtime_api", "SimSwapResult"))
SubnetInfo = Struct("SubnetInfo", [
    ("netuid", Compact(U16), "Compact<NetUid>"), ("tempo", Compact(U16), "Compact<u16>"),
    ("owner", AccountId32, "AccountId"),
], path=("pallet_subtensor", "rpc_info", "subnet_info", "SubnetInfo"),
    params=(TypeParam("AccountId", AccountId32),))
APIS = (
    METADATA_API,
    RuntimeApiMetadata("SwapRuntimeApi", (
        RuntimeApiMethodMetadata("sim_swap_tao_for_alpha", (("netuid", U16), ("tao", U64)),
                                 SimSwapResult),
        RuntimeApiMethodMetadata("sim_swap_alpha_for_tao", (("netuid", U16), ("alpha", U64)),
                                 SimSwapResult, (" Simulate a swap.",)),
    )),
    RuntimeApiMetadata("SubnetInfoRuntimeApi", (
        RuntimeApiMethodMetadata("get_subnet_info", (("netuid", U16),), Option(SubnetInfo)),
        RuntimeApiMethodMetadata("get_subnets_info", (), Vec(Option(SubnetInfo))),
    ), (" Subnet information.",)),
)


def sample_metadata() -> RuntimeMetadataInput:
    """The sample runtime's complete metadata input."""
    return build_metadata_input(PALLETS, EXTENSIONS, apis=APIS, outer_enums=OUTER_ENUMS,
                                custom={"tensorchain": CustomValueMetadata(U32, U32.encode(7))})
