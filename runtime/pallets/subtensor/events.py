"""SubtensorModule events (``pallets/subtensor/src/macros/events.rs`` at subtensor 14bc6f9).

Indices are the declaration order of the reference's ``Event`` enum (it sets no explicit
``codec(index)``), so they are dense from 0. Most variants are tuple variants: their fields are
unnamed (``None``), in the reference's order; struct variants keep their field names. Field
type names are the Rust spellings metadata shows. ``MaxWeightLimitSet`` is deprecated in the
reference but still part of the enum, so it keeps its index.
"""

from __future__ import annotations

from runtime.frame.dispatch import DispatchErrorType
from runtime.pallets.subtensor.pallet import subtensor
from runtime.pallets.subtensor.types import (
    H160,
    AlphaBalance,
    BlockNumber,
    DispatchResult,
    LeaseId,
    NetUid,
    NetUidStorageIndex,
    RootClaimTypeEnum,
    TaoBalance,
    U64F64Type,
)
from runtime.primitives.scale import (
    I16,
    U8,
    U16,
    U32,
    U64,
    Bool,
    Bytes,
    Compact,
    Option,
    Tuple,
    Vec,
)
from runtime.primitives.scale.common import H256, AccountId32

_NETUID = (None, NetUid, "NetUid")
_ACCOUNT = (None, AccountId32, "T::AccountId")
_U16 = (None, U16, "u16")
_U64 = (None, U64, "u64")
_TAO = (None, TaoBalance, "TaoBalance")
_ALPHA = (None, AlphaBalance, "AlphaBalance")
_BOOL = (None, Bool, "bool")
_NAMED_NETUID = ("netuid", NetUid, "NetUid")
_NAMED_HOTKEY = ("hotkey", AccountId32, "T::AccountId")
_NAMED_COLDKEY = ("coldkey", AccountId32, "T::AccountId")

NetworkAdded = subtensor.event(0, "NetworkAdded", [_NETUID, _U16],
    "A subnet was registered: (netuid, mechanism).")
NetworkRemoved = subtensor.event(1, "NetworkRemoved", [_NETUID], "A subnet was removed: (netuid).")
StakeAdded = subtensor.event(2, "StakeAdded", [_ACCOUNT, _ACCOUNT, _TAO, _ALPHA, _NETUID, _U64],
    "Stake added: (coldkey, hotkey, tao_in, alpha_out, netuid, fee).")
StakeRemoved = subtensor.event(3, "StakeRemoved", [_ACCOUNT, _ACCOUNT, _TAO, _ALPHA, _NETUID, _U64],
    "Stake removed: (coldkey, hotkey, tao_out, alpha_in, netuid, fee).")
StakeMoved = subtensor.event(
    4, "StakeMoved",
    [_ACCOUNT, _ACCOUNT, _NETUID, _ACCOUNT, _NETUID, _TAO],
    "Stake moved: (coldkey, from_hotkey, from_netuid, to_hotkey, to_netuid, tao).")
WeightsSet = subtensor.event(
    5, "WeightsSet",
    [(None, NetUidStorageIndex, "NetUidStorageIndex"), _U16],
    "A validator set weights: (netuid_index, uid).")
NeuronRegistered = subtensor.event(6, "NeuronRegistered", [_NETUID, _U16, _ACCOUNT],
    "A neuron was registered: (netuid, uid, hotkey).")
BulkNeuronsRegistered = subtensor.event(7, "BulkNeuronsRegistered", [_U16, _U16],
    "Several uids were registered at once (unused).")
BulkBalancesSet = subtensor.event(8, "BulkBalancesSet", [_U16, _U16],
    "Balances set in bulk (unused).")
MaxAllowedUidsSet = subtensor.event(9, "MaxAllowedUidsSet", [_NETUID, _U16],
    "MaxAllowedUids changed: (netuid, value).")
MaxWeightLimitSet = subtensor.event(10, "MaxWeightLimitSet", [_NETUID, _U16],
    "Deprecated: the max weight limit is a constant now.")
DifficultySet = subtensor.event(11, "DifficultySet", [_NETUID, _U64],
    "Difficulty changed: (netuid, value).")
AdjustmentIntervalSet = subtensor.event(12, "AdjustmentIntervalSet", [_NETUID, _U16],
    "AdjustmentInterval changed: (netuid, value).")
RegistrationPerIntervalSet = subtensor.event(13, "RegistrationPerIntervalSet", [_NETUID, _U16],
    "TargetRegistrationsPerInterval changed: (netuid, value).")
MaxRegistrationsPerBlockSet = subtensor.event(14, "MaxRegistrationsPerBlockSet", [_NETUID, _U16],
    "MaxRegistrationsPerBlock changed: (netuid, value).")
ActivityCutoffSet = subtensor.event(15, "ActivityCutoffSet", [_NETUID, _U16],
    "ActivityCutoff changed: (netuid, value).")
RhoSet = subtensor.event(16, "RhoSet", [_NETUID, _U16], "Rho changed: (netuid, value).")
AlphaSigmoidSteepnessSet = subtensor.event(
    17, "AlphaSigmoidSteepnessSet",
    [_NETUID, (None, I16, "i16")],
    "AlphaSigmoidSteepness changed: (netuid, value).")
KappaSet = subtensor.event(18, "KappaSet", [_NETUID, _U16], "Kappa changed: (netuid, value).")
MinAllowedWeightSet = subtensor.event(19, "MinAllowedWeightSet", [_NETUID, _U16],
    "MinAllowedWeights changed: (netuid, value).")
ValidatorPruneLenSet = subtensor.event(20, "ValidatorPruneLenSet", [_NETUID, _U64],
    "ValidatorPruneLen changed: (netuid, value).")
ScalingLawPowerSet = subtensor.event(21, "ScalingLawPowerSet", [_NETUID, _U16],
    "ScalingLawPower changed: (netuid, value).")
WeightsSetRateLimitSet = subtensor.event(22, "WeightsSetRateLimitSet", [_NETUID, _U64],
    "WeightsSetRateLimit changed: (netuid, value).")
ImmunityPeriodSet = subtensor.event(23, "ImmunityPeriodSet", [_NETUID, _U16],
    "ImmunityPeriod changed: (netuid, value).")
BondsMovingAverageSet = subtensor.event(24, "BondsMovingAverageSet", [_NETUID, _U64],
    "BondsMovingAverage changed: (netuid, value).")
BondsPenaltySet = subtensor.event(25, "BondsPenaltySet", [_NETUID, _U16],
    "BondsPenalty changed: (netuid, value).")
BondsResetOnSet = subtensor.event(26, "BondsResetOnSet", [_NETUID, _BOOL],
    "BondsResetOn changed: (netuid, value).")
MaxAllowedValidatorsSet = subtensor.event(27, "MaxAllowedValidatorsSet", [_NETUID, _U16],
    "MaxAllowedValidators changed: (netuid, value).")
AxonServed = subtensor.event(28, "AxonServed", [_NETUID, _ACCOUNT],
    "A hotkey served its axon: (netuid, hotkey).")
PrometheusServed = subtensor.event(29, "PrometheusServed", [_NETUID, _ACCOUNT],
    "A hotkey served its Prometheus endpoint: (netuid, hotkey).")
DelegateAdded = subtensor.event(30, "DelegateAdded", [_ACCOUNT, _ACCOUNT, _U16],
    "A hotkey became a delegate: (coldkey, hotkey, take).")
DefaultTakeSet = subtensor.event(31, "DefaultTakeSet", [_U16],
    "The default delegate take changed: (take).")
WeightsVersionKeySet = subtensor.event(32, "WeightsVersionKeySet", [_NETUID, _U64],
    "WeightsVersionKey changed: (netuid, value).")
MinDifficultySet = subtensor.event(33, "MinDifficultySet", [_NETUID, _U64],
    "MinDifficulty changed: (netuid, value).")
MaxDifficultySet = subtensor.event(34, "MaxDifficultySet", [_NETUID, _U64],
    "MaxDifficulty changed: (netuid, value).")
ServingRateLimitSet = subtensor.event(35, "ServingRateLimitSet", [_NETUID, _U64],
    "ServingRateLimit changed: (netuid, value).")
BurnSet = subtensor.event(36, "BurnSet", [_NETUID, _TAO], "Burn changed: (netuid, value).")
MaxBurnSet = subtensor.event(37, "MaxBurnSet", [_NETUID, _TAO], "MaxBurn changed: (netuid, value).")
MinBurnSet = subtensor.event(38, "MinBurnSet", [_NETUID, _TAO], "MinBurn changed: (netuid, value).")
MaxEpochsPerBlockSet = subtensor.event(39, "MaxEpochsPerBlockSet", [(None, U8, "u8")],
    "MaxEpochsPerBlock changed: (value).")
TxRateLimitSet = subtensor.event(40, "TxRateLimitSet", [_U64], "TxRateLimit changed: (value).")
TxDelegateTakeRateLimitSet = subtensor.event(41, "TxDelegateTakeRateLimitSet", [_U64],
    "TxDelegateTakeRateLimit changed: (value).")
TxChildKeyTakeRateLimitSet = subtensor.event(42, "TxChildKeyTakeRateLimitSet", [_U64],
    "TxChildkeyTakeRateLimit changed: (value).")
AdminFreezeWindowSet = subtensor.event(43, "AdminFreezeWindowSet", [_U16],
    "AdminFreezeWindow changed: (value).")
OwnerHyperparamRateLimitSet = subtensor.event(44, "OwnerHyperparamRateLimitSet", [_U16],
    "OwnerHyperparamRateLimit changed: (value).")
MinChildKeyTakeSet = subtensor.event(45, "MinChildKeyTakeSet", [_U16],
    "MinChildkeyTake changed: (value).")
MinChildKeyTakePerSubnetSet = subtensor.event(46, "MinChildKeyTakePerSubnetSet", [_NETUID, _U16],
    "A subnet's minimum childkey take changed: (netuid, value).")
MaxChildKeyTakeSet = subtensor.event(47, "MaxChildKeyTakeSet", [_U16],
    "MaxChildkeyTake changed: (value).")
ChildKeyTakeSet = subtensor.event(48, "ChildKeyTakeSet", [_ACCOUNT, _U16],
    "A hotkey's childkey take changed: (hotkey, take).")
Sudid = subtensor.event(49, "Sudid", [(None, DispatchResult, "DispatchResult")],
    "A root call ran: (result).")
RegistrationAllowed = subtensor.event(50, "RegistrationAllowed", [_NETUID, _BOOL],
    "Registration opened or closed: (netuid, allowed).")
PowRegistrationAllowed = subtensor.event(51, "PowRegistrationAllowed", [_NETUID, _BOOL],
    "PoW registration opened or closed: (netuid, allowed).")
TempoSet = subtensor.event(52, "TempoSet", [_NETUID, _U16], "Tempo changed: (netuid, tempo).")
RAORecycledForRegistrationSet = subtensor.event(
    53, "RAORecycledForRegistrationSet",
    [_NETUID, _TAO],
    "RAORecycledForRegistration changed: (netuid, value).")
StakeThresholdSet = subtensor.event(54, "StakeThresholdSet", [_U64],
    "StakeThreshold changed: (value).")
AdjustmentAlphaSet = subtensor.event(55, "AdjustmentAlphaSet", [_NETUID, _U64],
    "AdjustmentAlpha changed: (netuid, value).")
Faucet = subtensor.event(56, "Faucet", [_ACCOUNT, _U64],
    "The test faucet paid out: (account, amount).")
SubnetOwnerCutSet = subtensor.event(57, "SubnetOwnerCutSet", [_U16],
    "SubnetOwnerCut changed: (value).")
NetworkRateLimitSet = subtensor.event(58, "NetworkRateLimitSet", [_U64],
    "NetworkRateLimit changed: (value).")
NetworkImmunityPeriodSet = subtensor.event(59, "NetworkImmunityPeriodSet", [_U64],
    "NetworkImmunityPeriod changed: (value).")
StartCallDelaySet = subtensor.event(60, "StartCallDelaySet", [_U64],
    "StartCallDelay changed: (value).")
NetworkMinLockCostSet = subtensor.event(61, "NetworkMinLockCostSet", [_TAO],
    "NetworkMinLockCost changed: (value).")
SubnetLimitSet = subtensor.event(62, "SubnetLimitSet", [_U16], "SubnetLimit changed: (value).")
NetworkLockCostReductionIntervalSet = subtensor.event(
    63, "NetworkLockCostReductionIntervalSet",
    [_U64],
    "NetworkLockReductionInterval changed: (value).")
TakeDecreased = subtensor.event(64, "TakeDecreased", [_ACCOUNT, _ACCOUNT, _U16],
    "A delegate lowered its take: (coldkey, hotkey, take).")
TakeIncreased = subtensor.event(65, "TakeIncreased", [_ACCOUNT, _ACCOUNT, _U16],
    "A delegate raised its take: (coldkey, hotkey, take).")
HotkeySwapped = subtensor.event(
    66, "HotkeySwapped",
    [_NAMED_COLDKEY,
     ("old_hotkey", AccountId32, "T::AccountId"),
     ("new_hotkey", AccountId32, "T::AccountId")],
    "A coldkey swapped one of its hotkeys for a new one.")
MaxDelegateTakeSet = subtensor.event(67, "MaxDelegateTakeSet", [_U16],
    "MaxDelegateTake changed: (value).")
MinDelegateTakeSet = subtensor.event(68, "MinDelegateTakeSet", [_U16],
    "MinDelegateTake changed: (value).")
ColdkeySwapAnnounced = subtensor.event(
    69, "ColdkeySwapAnnounced",
    [("who", AccountId32, "T::AccountId"), ("new_coldkey_hash", H256, "T::Hash")],
    "A coldkey announced a swap to the coldkey with this hash.")
ColdkeySwapReset = subtensor.event(70, "ColdkeySwapReset", [("who", AccountId32, "T::AccountId")],
    "A coldkey's pending swap was reset.")
ColdkeySwapped = subtensor.event(
    71, "ColdkeySwapped",
    [("old_coldkey", AccountId32, "T::AccountId"), ("new_coldkey", AccountId32, "T::AccountId")],
    "A coldkey was swapped for a new one.")
ColdkeySwapDisputed = subtensor.event(72, "ColdkeySwapDisputed", [_NAMED_COLDKEY],
    "A coldkey's pending swap was disputed.")
AllBalanceUnstakedAndTransferredToNewColdkey = subtensor.event(
    73, "AllBalanceUnstakedAndTransferredToNewColdkey",
    [("current_coldkey", AccountId32, "T::AccountId"),
     ("new_coldkey", AccountId32, "T::AccountId"),
     ("total_balance", TaoBalance, "BalanceOf<T>")],
    "A coldkey's stake was unstaked and its balance moved to a new coldkey.")
ArbitrationPeriodExtended = subtensor.event(74, "ArbitrationPeriodExtended", [_NAMED_COLDKEY],
    "A coldkey's arbitration period was extended.")
SetChildrenScheduled = subtensor.event(
    75, "SetChildrenScheduled",
    [_ACCOUNT, _NETUID, _U64, (None, Vec(Tuple(U64, AccountId32)), "Vec<(u64, T::AccountId)>")],
    "Children requested: (hotkey, netuid, apply_block, children).")
SetChildren = subtensor.event(
    76, "SetChildren",
    [_ACCOUNT, _NETUID, (None, Vec(Tuple(U64, AccountId32)), "Vec<(u64, T::AccountId)>")],
    "Children applied: (hotkey, netuid, children).")
ChainIdentitySet = subtensor.event(77, "ChainIdentitySet", [_ACCOUNT],
    "A coldkey set its identity: (coldkey).")
SubnetIdentitySet = subtensor.event(78, "SubnetIdentitySet", [_NETUID],
    "A subnet's identity was set: (netuid).")
SubnetIdentityRemoved = subtensor.event(79, "SubnetIdentityRemoved", [_NETUID],
    "A subnet's identity was removed: (netuid).")
DissolveNetworkScheduled = subtensor.event(
    80, "DissolveNetworkScheduled",
    [("account", AccountId32, "T::AccountId"),
     _NAMED_NETUID,
     ("execution_block", BlockNumber, "BlockNumberFor<T>")],
    "A subnet dissolution was scheduled.")
ColdkeySwapAnnouncementDelaySet = subtensor.event(
    81, "ColdkeySwapAnnouncementDelaySet",
    [(None, BlockNumber, "BlockNumberFor<T>")],
    "ColdkeySwapAnnouncementDelay changed: (value).")
ColdkeySwapReannouncementDelaySet = subtensor.event(
    82, "ColdkeySwapReannouncementDelaySet",
    [(None, BlockNumber, "BlockNumberFor<T>")],
    "ColdkeySwapReannouncementDelay changed: (value).")
DissolveNetworkScheduleDurationSet = subtensor.event(
    83, "DissolveNetworkScheduleDurationSet",
    [(None, BlockNumber, "BlockNumberFor<T>")],
    "DissolveNetworkScheduleDuration changed: (value).")
CRV3WeightsCommitted = subtensor.event(
    84, "CRV3WeightsCommitted",
    [_ACCOUNT, (None, NetUidStorageIndex, "NetUidStorageIndex"), (None, H256, "H256")],
    "Commit-reveal v3 commit: (hotkey, netuid_index, commit_hash).")
WeightsCommitted = subtensor.event(
    85, "WeightsCommitted",
    [_ACCOUNT, (None, NetUidStorageIndex, "NetUidStorageIndex"), (None, H256, "H256")],
    "Weights committed: (hotkey, netuid_index, commit_hash).")
WeightsRevealed = subtensor.event(
    86, "WeightsRevealed",
    [_ACCOUNT, (None, NetUidStorageIndex, "NetUidStorageIndex"), (None, H256, "H256")],
    "Weights revealed: (hotkey, netuid_index, commit_hash).")
WeightsBatchRevealed = subtensor.event(
    87, "WeightsBatchRevealed",
    [_ACCOUNT, _NETUID, (None, Vec(H256), "Vec<H256>")],
    "Several commits revealed: (hotkey, netuid, commit_hashes).")
BatchWeightsCompleted = subtensor.event(
    88, "BatchWeightsCompleted",
    [(None, Vec(Compact(NetUid)), "Vec<Compact<NetUid>>"), _ACCOUNT],
    "A weights batch finished: (netuids set, hotkey).")
BatchCompletedWithErrors = subtensor.event(89, "BatchCompletedWithErrors", [],
    "A batch call finished with some items failing.")
BatchWeightItemFailed = subtensor.event(
    90, "BatchWeightItemFailed",
    [_NETUID, (None, DispatchErrorType, "sp_runtime::DispatchError")],
    "One item of a weights batch failed: (netuid, error).")
StakeTransferred = subtensor.event(
    91, "StakeTransferred",
    [_ACCOUNT, _ACCOUNT, _ACCOUNT, _NETUID, _NETUID, _TAO],
    "Stake given: (from_coldkey, to_coldkey, hotkey, from_netuid, to_netuid, tao).")
StakeSwapped = subtensor.event(92, "StakeSwapped", [_ACCOUNT, _ACCOUNT, _NETUID, _NETUID, _TAO],
    "Stake moved between subnets: (coldkey, hotkey, origin_netuid, destination_netuid, tao).")
TransferToggle = subtensor.event(93, "TransferToggle", [_NETUID, _BOOL],
    "Stake transfers switched on or off: (netuid, enabled).")
SubnetOwnerHotkeySet = subtensor.event(94, "SubnetOwnerHotkeySet", [_NETUID, _ACCOUNT],
    "A subnet's owner hotkey changed: (netuid, hotkey).")
FirstEmissionBlockNumberSet = subtensor.event(95, "FirstEmissionBlockNumberSet", [_NETUID, _U64],
    "start_call set the first emission block: (netuid, block).")
AlphaRecycled = subtensor.event(96, "AlphaRecycled", [_ACCOUNT, _ACCOUNT, _ALPHA, _NETUID],
    "Alpha recycled (AlphaOut reduced): (coldkey, hotkey, amount, netuid).")
AlphaBurned = subtensor.event(97, "AlphaBurned", [_ACCOUNT, _ACCOUNT, _ALPHA, _NETUID],
    "Alpha burned (AlphaOut kept): (coldkey, hotkey, amount, netuid).")
EvmKeyAssociated = subtensor.event(
    98, "EvmKeyAssociated",
    [_NAMED_NETUID, _NAMED_HOTKEY, ("evm_key", H160, "H160"), ("block_associated", U64, "u64")],
    "A uid associated an EVM key.")
CRV3WeightsRevealed = subtensor.event(99, "CRV3WeightsRevealed", [_NETUID, _ACCOUNT],
    "Commit-reveal v3 weights revealed: (netuid, hotkey).")
CommitRevealPeriodsSet = subtensor.event(100, "CommitRevealPeriodsSet", [_NETUID, _U64],
    "RevealPeriodEpochs changed: (netuid, epochs).")
CommitRevealEnabled = subtensor.event(101, "CommitRevealEnabled", [_NETUID, _BOOL],
    "Commit-reveal switched on or off: (netuid, enabled).")
HotkeySwappedOnSubnet = subtensor.event(
    102, "HotkeySwappedOnSubnet",
    [_NAMED_COLDKEY,
     ("old_hotkey", AccountId32, "T::AccountId"),
     ("new_hotkey", AccountId32, "T::AccountId"),
     _NAMED_NETUID],
    "A hotkey was swapped on one subnet.")
SubnetLeaseCreated = subtensor.event(
    103, "SubnetLeaseCreated",
    [("beneficiary", AccountId32, "T::AccountId"),
     ("lease_id", LeaseId, "LeaseId"),
     _NAMED_NETUID,
     ("end_block", Option(BlockNumber), "Option<BlockNumberFor<T>>")],
    "A subnet lease was created.")
SubnetLeaseTerminated = subtensor.event(
    104, "SubnetLeaseTerminated",
    [("beneficiary", AccountId32, "T::AccountId"), _NAMED_NETUID],
    "A subnet lease ended.")
SymbolUpdated = subtensor.event(105, "SymbolUpdated", [_NAMED_NETUID, ("symbol", Bytes, "Vec<u8>")],
    "A subnet's token symbol changed.")
CommitRevealVersionSet = subtensor.event(106, "CommitRevealVersionSet", [_U16],
    "CommitRevealWeightsVersion changed: (version).")
TimelockedWeightsCommitted = subtensor.event(
    107, "TimelockedWeightsCommitted",
    [_ACCOUNT, (None, NetUidStorageIndex, "NetUidStorageIndex"), (None, H256, "H256"), _U64],
    "Timelocked weights committed: (hotkey, netuid_index, commit_hash, reveal_round).")
TimelockedWeightsRevealed = subtensor.event(
    108, "TimelockedWeightsRevealed",
    [(None, NetUidStorageIndex, "NetUidStorageIndex"), _ACCOUNT],
    "Timelocked weights revealed: (netuid_index, hotkey).")
AutoStakeAdded = subtensor.event(
    109, "AutoStakeAdded",
    [_NAMED_NETUID,
     ("destination", AccountId32, "T::AccountId"),
     _NAMED_HOTKEY,
     ("owner", AccountId32, "T::AccountId"),
     ("incentive", AlphaBalance, "AlphaBalance")],
    "Miner incentive was auto-staked to a hotkey.")
IncentiveAlphaEmittedToMiners = subtensor.event(
    110, "IncentiveAlphaEmittedToMiners",
    [("netuid", NetUidStorageIndex, "NetUidStorageIndex"),
     ("emissions", Vec(AlphaBalance), "Vec<AlphaBalance>")],
    "Miner incentive alpha of an epoch, by uid.")
MinAllowedUidsSet = subtensor.event(111, "MinAllowedUidsSet", [_NETUID, _U16],
    "MinAllowedUids changed: (netuid, value).")
AutoStakeDestinationSet = subtensor.event(
    112, "AutoStakeDestinationSet",
    [_NAMED_COLDKEY, _NAMED_NETUID, _NAMED_HOTKEY],
    "A coldkey set its auto-stake hotkey on a subnet.")
MinNonImmuneUidsSet = subtensor.event(113, "MinNonImmuneUidsSet", [_NETUID, _U16],
    "MinNonImmuneUids changed: (netuid, value).")
RootClaimed = subtensor.event(114, "RootClaimed", [_NAMED_COLDKEY],
    "A coldkey claimed its root dividends.")
RootClaimTypeSet = subtensor.event(
    115, "RootClaimTypeSet",
    [_NAMED_COLDKEY, ("root_claim_type", RootClaimTypeEnum, "RootClaimTypeEnum")],
    "A coldkey chose how it takes root dividends.")
VotingPowerTrackingEnabled = subtensor.event(116, "VotingPowerTrackingEnabled", [_NAMED_NETUID],
    "Voting power tracking switched on for a subnet.")
VotingPowerTrackingDisableScheduled = subtensor.event(
    117, "VotingPowerTrackingDisableScheduled",
    [_NAMED_NETUID, ("disable_at_block", U64, "u64")],
    "Voting power tracking will stop at a block.")
VotingPowerTrackingDisabled = subtensor.event(118, "VotingPowerTrackingDisabled", [_NAMED_NETUID],
    "Voting power tracking stopped and its entries were cleared.")
VotingPowerEmaAlphaSet = subtensor.event(
    119, "VotingPowerEmaAlphaSet",
    [_NAMED_NETUID, ("alpha", U64, "u64")],
    "VotingPowerEmaAlpha changed for a subnet.")
SubnetLeaseDividendsDistributed = subtensor.event(
    120, "SubnetLeaseDividendsDistributed",
    [("lease_id", LeaseId, "LeaseId"),
     ("contributor", AccountId32, "T::AccountId"),
     ("alpha", AlphaBalance, "AlphaBalance")],
    "Lease dividends were paid to contributors.")
AddStakeBurn = subtensor.event(
    121, "AddStakeBurn",
    [_NAMED_NETUID,
     _NAMED_HOTKEY,
     ("amount", TaoBalance, "TaoBalance"),
     ("alpha", AlphaBalance, "AlphaBalance")],
    "Alpha bought with TAO and burned.")
ColdkeySwapCleared = subtensor.event(
    122, "ColdkeySwapCleared",
    [("who", AccountId32, "T::AccountId")],
    "A coldkey swap announcement was withdrawn.")
TransactionFeePaidWithAlpha = subtensor.event(
    123, "TransactionFeePaidWithAlpha",
    [("who", AccountId32, "T::AccountId"),
     _NAMED_NETUID,
     ("alpha_fee", AlphaBalance, "AlphaBalance"),
     ("tao_amount", TaoBalance, "TaoBalance")],
    "A transaction fee was paid in alpha.")
BurnHalfLifeSet = subtensor.event(
    124, "BurnHalfLifeSet",
    [_NAMED_NETUID, ("burn_half_life", U16, "u16")],
    "BurnHalfLife changed for a subnet.")
BurnIncreaseMultSet = subtensor.event(
    125, "BurnIncreaseMultSet",
    [_NAMED_NETUID, ("burn_increase_mult", U64F64Type, "U64F64")],
    "BurnIncreaseMult changed for a subnet.")
AutoParentDelegationEnabledSet = subtensor.event(
    126, "AutoParentDelegationEnabledSet",
    [_NAMED_HOTKEY, ("enabled", Bool, "bool")],
    "A hotkey switched automatic parent delegation.")
StakeLocked = subtensor.event(
    127, "StakeLocked",
    [_NAMED_COLDKEY, _NAMED_HOTKEY, _NAMED_NETUID, ("amount", AlphaBalance, "AlphaBalance")],
    "Stake was locked to a hotkey on a subnet.")
StakeUnlocked = subtensor.event(
    128, "StakeUnlocked",
    [_NAMED_COLDKEY, _NAMED_HOTKEY, _NAMED_NETUID, ("amount", AlphaBalance, "AlphaBalance")],
    "Stake was unlocked from a hotkey on a subnet.")
LockMoved = subtensor.event(
    129, "LockMoved",
    [_NAMED_COLDKEY,
     ("origin_hotkey", AccountId32, "T::AccountId"),
     ("destination_hotkey", AccountId32, "T::AccountId"),
     _NAMED_NETUID],
    "A lock moved to another hotkey.")
ActivityCutoffFactorMilliSet = subtensor.event(
    130, "ActivityCutoffFactorMilliSet",
    [_NAMED_NETUID, ("factor_milli", U32, "u32")],
    "The owner changed ActivityCutoffFactorMilli.")
EpochTriggered = subtensor.event(
    131, "EpochTriggered",
    [_NAMED_NETUID, ("by", AccountId32, "T::AccountId"), ("fires_at", U64, "u64")],
    "The owner triggered an epoch.")
EpochDeferred = subtensor.event(
    132, "EpochDeferred",
    [_NAMED_NETUID, ("from_block", U64, "u64"), ("to_block", U64, "u64")],
    "A due epoch waited a block (per-block epoch cap).")
EpochSkipped = subtensor.event(133, "EpochSkipped", [_NAMED_NETUID, ("block", U64, "u64")],
    "An epoch was skipped: its inputs were inconsistent.")
SubnetOwnerChanged = subtensor.event(
    134, "SubnetOwnerChanged",
    [_NAMED_NETUID,
     ("old_coldkey", AccountId32, "T::AccountId"),
     ("new_coldkey", AccountId32, "T::AccountId")],
    "Subnet ownership passed to the top lock holder.")
PerpetualLockUpdated = subtensor.event(
    135, "PerpetualLockUpdated",
    [_NAMED_COLDKEY, _NAMED_NETUID, ("enabled", Bool, "bool")],
    "A coldkey changed its perpetual lock flag.")
RejectLockedAlphaUpdated = subtensor.event(
    136, "RejectLockedAlphaUpdated",
    [_NAMED_COLDKEY, ("enabled", Bool, "bool")],
    "A coldkey changed whether it accepts locked alpha.")
