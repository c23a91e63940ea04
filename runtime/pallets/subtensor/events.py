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

NetworkAdded = subtensor.event(0, "NetworkAdded", [_NETUID, _U16], "Network added.")
NetworkRemoved = subtensor.event(1, "NetworkRemoved", [_NETUID], "Network removed.")
StakeAdded = subtensor.event(2, "StakeAdded", [_ACCOUNT, _ACCOUNT, _TAO, _ALPHA, _NETUID, _U64],
    "Stake added.")
StakeRemoved = subtensor.event(3, "StakeRemoved", [_ACCOUNT, _ACCOUNT, _TAO, _ALPHA, _NETUID, _U64],
    "Stake removed.")
StakeMoved = subtensor.event(
    4, "StakeMoved",
    [_ACCOUNT, _ACCOUNT, _NETUID, _ACCOUNT, _NETUID, _TAO],
    "Stake moved.")
WeightsSet = subtensor.event(
    5, "WeightsSet",
    [(None, NetUidStorageIndex, "NetUidStorageIndex"), _U16],
    "Weights set.")
NeuronRegistered = subtensor.event(6, "NeuronRegistered", [_NETUID, _U16, _ACCOUNT],
    "Neuron registered.")
BulkNeuronsRegistered = subtensor.event(7, "BulkNeuronsRegistered", [_U16, _U16],
    "Bulk neurons registered.")
BulkBalancesSet = subtensor.event(8, "BulkBalancesSet", [_U16, _U16], "Bulk balances set.")
MaxAllowedUidsSet = subtensor.event(9, "MaxAllowedUidsSet", [_NETUID, _U16],
    "Max allowed uids set.")
MaxWeightLimitSet = subtensor.event(10, "MaxWeightLimitSet", [_NETUID, _U16],
    "Max weight limit set.")
DifficultySet = subtensor.event(11, "DifficultySet", [_NETUID, _U64], "Difficulty set.")
AdjustmentIntervalSet = subtensor.event(12, "AdjustmentIntervalSet", [_NETUID, _U16],
    "Adjustment interval set.")
RegistrationPerIntervalSet = subtensor.event(13, "RegistrationPerIntervalSet", [_NETUID, _U16],
    "Registration per interval set.")
MaxRegistrationsPerBlockSet = subtensor.event(14, "MaxRegistrationsPerBlockSet", [_NETUID, _U16],
    "Max registrations per block set.")
ActivityCutoffSet = subtensor.event(15, "ActivityCutoffSet", [_NETUID, _U16],
    "Activity cutoff set.")
RhoSet = subtensor.event(16, "RhoSet", [_NETUID, _U16], "Rho set.")
AlphaSigmoidSteepnessSet = subtensor.event(
    17, "AlphaSigmoidSteepnessSet",
    [_NETUID, (None, I16, "i16")],
    "Alpha sigmoid steepness set.")
KappaSet = subtensor.event(18, "KappaSet", [_NETUID, _U16], "Kappa set.")
MinAllowedWeightSet = subtensor.event(19, "MinAllowedWeightSet", [_NETUID, _U16],
    "Min allowed weight set.")
ValidatorPruneLenSet = subtensor.event(20, "ValidatorPruneLenSet", [_NETUID, _U64],
    "Validator prune len set.")
ScalingLawPowerSet = subtensor.event(21, "ScalingLawPowerSet", [_NETUID, _U16],
    "Scaling law power set.")
WeightsSetRateLimitSet = subtensor.event(22, "WeightsSetRateLimitSet", [_NETUID, _U64],
    "Weights set rate limit set.")
ImmunityPeriodSet = subtensor.event(23, "ImmunityPeriodSet", [_NETUID, _U16],
    "Immunity period set.")
BondsMovingAverageSet = subtensor.event(24, "BondsMovingAverageSet", [_NETUID, _U64],
    "Bonds moving average set.")
BondsPenaltySet = subtensor.event(25, "BondsPenaltySet", [_NETUID, _U16], "Bonds penalty set.")
BondsResetOnSet = subtensor.event(26, "BondsResetOnSet", [_NETUID, _BOOL], "Bonds reset on set.")
MaxAllowedValidatorsSet = subtensor.event(27, "MaxAllowedValidatorsSet", [_NETUID, _U16],
    "Max allowed validators set.")
AxonServed = subtensor.event(28, "AxonServed", [_NETUID, _ACCOUNT], "Axon served.")
PrometheusServed = subtensor.event(29, "PrometheusServed", [_NETUID, _ACCOUNT],
    "Prometheus served.")
DelegateAdded = subtensor.event(30, "DelegateAdded", [_ACCOUNT, _ACCOUNT, _U16], "Delegate added.")
DefaultTakeSet = subtensor.event(31, "DefaultTakeSet", [_U16], "Default take set.")
WeightsVersionKeySet = subtensor.event(32, "WeightsVersionKeySet", [_NETUID, _U64],
    "Weights version key set.")
MinDifficultySet = subtensor.event(33, "MinDifficultySet", [_NETUID, _U64], "Min difficulty set.")
MaxDifficultySet = subtensor.event(34, "MaxDifficultySet", [_NETUID, _U64], "Max difficulty set.")
ServingRateLimitSet = subtensor.event(35, "ServingRateLimitSet", [_NETUID, _U64],
    "Serving rate limit set.")
BurnSet = subtensor.event(36, "BurnSet", [_NETUID, _TAO], "Burn set.")
MaxBurnSet = subtensor.event(37, "MaxBurnSet", [_NETUID, _TAO], "Max burn set.")
MinBurnSet = subtensor.event(38, "MinBurnSet", [_NETUID, _TAO], "Min burn set.")
MaxEpochsPerBlockSet = subtensor.event(39, "MaxEpochsPerBlockSet", [(None, U8, "u8")],
    "Max epochs per block set.")
TxRateLimitSet = subtensor.event(40, "TxRateLimitSet", [_U64], "Tx rate limit set.")
TxDelegateTakeRateLimitSet = subtensor.event(41, "TxDelegateTakeRateLimitSet", [_U64],
    "Tx delegate take rate limit set.")
TxChildKeyTakeRateLimitSet = subtensor.event(42, "TxChildKeyTakeRateLimitSet", [_U64],
    "Tx child key take rate limit set.")
AdminFreezeWindowSet = subtensor.event(43, "AdminFreezeWindowSet", [_U16],
    "Admin freeze window set.")
OwnerHyperparamRateLimitSet = subtensor.event(44, "OwnerHyperparamRateLimitSet", [_U16],
    "Owner hyperparam rate limit set.")
MinChildKeyTakeSet = subtensor.event(45, "MinChildKeyTakeSet", [_U16], "Min child key take set.")
MinChildKeyTakePerSubnetSet = subtensor.event(46, "MinChildKeyTakePerSubnetSet", [_NETUID, _U16],
    "Min child key take per subnet set.")
MaxChildKeyTakeSet = subtensor.event(47, "MaxChildKeyTakeSet", [_U16], "Max child key take set.")
ChildKeyTakeSet = subtensor.event(48, "ChildKeyTakeSet", [_ACCOUNT, _U16], "Child key take set.")
Sudid = subtensor.event(49, "Sudid", [(None, DispatchResult, "DispatchResult")], "Sudid.")
RegistrationAllowed = subtensor.event(50, "RegistrationAllowed", [_NETUID, _BOOL],
    "Registration allowed.")
PowRegistrationAllowed = subtensor.event(51, "PowRegistrationAllowed", [_NETUID, _BOOL],
    "Pow registration allowed.")
TempoSet = subtensor.event(52, "TempoSet", [_NETUID, _U16], "Tempo set.")
RAORecycledForRegistrationSet = subtensor.event(
    53, "RAORecycledForRegistrationSet",
    [_NETUID, _TAO],
    "RAO recycled for registration set.")
StakeThresholdSet = subtensor.event(54, "StakeThresholdSet", [_U64], "Stake threshold set.")
AdjustmentAlphaSet = subtensor.event(55, "AdjustmentAlphaSet", [_NETUID, _U64],
    "Adjustment alpha set.")
Faucet = subtensor.event(56, "Faucet", [_ACCOUNT, _U64], "Faucet.")
SubnetOwnerCutSet = subtensor.event(57, "SubnetOwnerCutSet", [_U16], "Subnet owner cut set.")
NetworkRateLimitSet = subtensor.event(58, "NetworkRateLimitSet", [_U64], "Network rate limit set.")
NetworkImmunityPeriodSet = subtensor.event(59, "NetworkImmunityPeriodSet", [_U64],
    "Network immunity period set.")
StartCallDelaySet = subtensor.event(60, "StartCallDelaySet", [_U64], "Start call delay set.")
NetworkMinLockCostSet = subtensor.event(61, "NetworkMinLockCostSet", [_TAO],
    "Network min lock cost set.")
SubnetLimitSet = subtensor.event(62, "SubnetLimitSet", [_U16], "Subnet limit set.")
NetworkLockCostReductionIntervalSet = subtensor.event(
    63, "NetworkLockCostReductionIntervalSet",
    [_U64],
    "Network lock cost reduction interval set.")
TakeDecreased = subtensor.event(64, "TakeDecreased", [_ACCOUNT, _ACCOUNT, _U16], "Take decreased.")
TakeIncreased = subtensor.event(65, "TakeIncreased", [_ACCOUNT, _ACCOUNT, _U16], "Take increased.")
HotkeySwapped = subtensor.event(
    66, "HotkeySwapped",
    [_NAMED_COLDKEY,
     ("old_hotkey", AccountId32, "T::AccountId"),
     ("new_hotkey", AccountId32, "T::AccountId")],
    "Hotkey swapped.")
MaxDelegateTakeSet = subtensor.event(67, "MaxDelegateTakeSet", [_U16], "Max delegate take set.")
MinDelegateTakeSet = subtensor.event(68, "MinDelegateTakeSet", [_U16], "Min delegate take set.")
ColdkeySwapAnnounced = subtensor.event(
    69, "ColdkeySwapAnnounced",
    [("who", AccountId32, "T::AccountId"), ("new_coldkey_hash", H256, "T::Hash")],
    "Coldkey swap announced.")
ColdkeySwapReset = subtensor.event(70, "ColdkeySwapReset", [("who", AccountId32, "T::AccountId")],
    "Coldkey swap reset.")
ColdkeySwapped = subtensor.event(
    71, "ColdkeySwapped",
    [("old_coldkey", AccountId32, "T::AccountId"), ("new_coldkey", AccountId32, "T::AccountId")],
    "Coldkey swapped.")
ColdkeySwapDisputed = subtensor.event(72, "ColdkeySwapDisputed", [_NAMED_COLDKEY],
    "Coldkey swap disputed.")
AllBalanceUnstakedAndTransferredToNewColdkey = subtensor.event(
    73, "AllBalanceUnstakedAndTransferredToNewColdkey",
    [("current_coldkey", AccountId32, "T::AccountId"),
     ("new_coldkey", AccountId32, "T::AccountId"),
     ("total_balance", TaoBalance, "BalanceOf<T>")],
    "All balance unstaked and transferred to new coldkey.")
ArbitrationPeriodExtended = subtensor.event(74, "ArbitrationPeriodExtended", [_NAMED_COLDKEY],
    "Arbitration period extended.")
SetChildrenScheduled = subtensor.event(
    75, "SetChildrenScheduled",
    [_ACCOUNT, _NETUID, _U64, (None, Vec(Tuple(U64, AccountId32)), "Vec<(u64, T::AccountId)>")],
    "Set children scheduled.")
SetChildren = subtensor.event(
    76, "SetChildren",
    [_ACCOUNT, _NETUID, (None, Vec(Tuple(U64, AccountId32)), "Vec<(u64, T::AccountId)>")],
    "Set children.")
ChainIdentitySet = subtensor.event(77, "ChainIdentitySet", [_ACCOUNT], "Chain identity set.")
SubnetIdentitySet = subtensor.event(78, "SubnetIdentitySet", [_NETUID], "Subnet identity set.")
SubnetIdentityRemoved = subtensor.event(79, "SubnetIdentityRemoved", [_NETUID],
    "Subnet identity removed.")
DissolveNetworkScheduled = subtensor.event(
    80, "DissolveNetworkScheduled",
    [("account", AccountId32, "T::AccountId"),
     _NAMED_NETUID,
     ("execution_block", BlockNumber, "BlockNumberFor<T>")],
    "Dissolve network scheduled.")
ColdkeySwapAnnouncementDelaySet = subtensor.event(
    81, "ColdkeySwapAnnouncementDelaySet",
    [(None, BlockNumber, "BlockNumberFor<T>")],
    "Coldkey swap announcement delay set.")
ColdkeySwapReannouncementDelaySet = subtensor.event(
    82, "ColdkeySwapReannouncementDelaySet",
    [(None, BlockNumber, "BlockNumberFor<T>")],
    "Coldkey swap reannouncement delay set.")
DissolveNetworkScheduleDurationSet = subtensor.event(
    83, "DissolveNetworkScheduleDurationSet",
    [(None, BlockNumber, "BlockNumberFor<T>")],
    "Dissolve network schedule duration set.")
CRV3WeightsCommitted = subtensor.event(
    84, "CRV3WeightsCommitted",
    [_ACCOUNT, (None, NetUidStorageIndex, "NetUidStorageIndex"), (None, H256, "H256")],
    "CRV3 weights committed.")
WeightsCommitted = subtensor.event(
    85, "WeightsCommitted",
    [_ACCOUNT, (None, NetUidStorageIndex, "NetUidStorageIndex"), (None, H256, "H256")],
    "Weights committed.")
WeightsRevealed = subtensor.event(
    86, "WeightsRevealed",
    [_ACCOUNT, (None, NetUidStorageIndex, "NetUidStorageIndex"), (None, H256, "H256")],
    "Weights revealed.")
WeightsBatchRevealed = subtensor.event(
    87, "WeightsBatchRevealed",
    [_ACCOUNT, _NETUID, (None, Vec(H256), "Vec<H256>")],
    "Weights batch revealed.")
BatchWeightsCompleted = subtensor.event(
    88, "BatchWeightsCompleted",
    [(None, Vec(Compact(NetUid)), "Vec<Compact<NetUid>>"), _ACCOUNT],
    "Batch weights completed.")
BatchCompletedWithErrors = subtensor.event(89, "BatchCompletedWithErrors", [],
    "Batch completed with errors.")
BatchWeightItemFailed = subtensor.event(
    90, "BatchWeightItemFailed",
    [_NETUID, (None, DispatchErrorType, "sp_runtime::DispatchError")],
    "Batch weight item failed.")
StakeTransferred = subtensor.event(
    91, "StakeTransferred",
    [_ACCOUNT, _ACCOUNT, _ACCOUNT, _NETUID, _NETUID, _TAO],
    "Stake transferred.")
StakeSwapped = subtensor.event(92, "StakeSwapped", [_ACCOUNT, _ACCOUNT, _NETUID, _NETUID, _TAO],
    "Stake swapped.")
TransferToggle = subtensor.event(93, "TransferToggle", [_NETUID, _BOOL], "Transfer toggle.")
SubnetOwnerHotkeySet = subtensor.event(94, "SubnetOwnerHotkeySet", [_NETUID, _ACCOUNT],
    "Subnet owner hotkey set.")
FirstEmissionBlockNumberSet = subtensor.event(95, "FirstEmissionBlockNumberSet", [_NETUID, _U64],
    "First emission block number set.")
AlphaRecycled = subtensor.event(96, "AlphaRecycled", [_ACCOUNT, _ACCOUNT, _ALPHA, _NETUID],
    "Alpha recycled.")
AlphaBurned = subtensor.event(97, "AlphaBurned", [_ACCOUNT, _ACCOUNT, _ALPHA, _NETUID],
    "Alpha burned.")
EvmKeyAssociated = subtensor.event(
    98, "EvmKeyAssociated",
    [_NAMED_NETUID, _NAMED_HOTKEY, ("evm_key", H160, "H160"), ("block_associated", U64, "u64")],
    "Evm key associated.")
CRV3WeightsRevealed = subtensor.event(99, "CRV3WeightsRevealed", [_NETUID, _ACCOUNT],
    "CRV3 weights revealed.")
CommitRevealPeriodsSet = subtensor.event(100, "CommitRevealPeriodsSet", [_NETUID, _U64],
    "Commit reveal periods set.")
CommitRevealEnabled = subtensor.event(101, "CommitRevealEnabled", [_NETUID, _BOOL],
    "Commit reveal enabled.")
HotkeySwappedOnSubnet = subtensor.event(
    102, "HotkeySwappedOnSubnet",
    [_NAMED_COLDKEY,
     ("old_hotkey", AccountId32, "T::AccountId"),
     ("new_hotkey", AccountId32, "T::AccountId"),
     _NAMED_NETUID],
    "Hotkey swapped on subnet.")
SubnetLeaseCreated = subtensor.event(
    103, "SubnetLeaseCreated",
    [("beneficiary", AccountId32, "T::AccountId"),
     ("lease_id", LeaseId, "LeaseId"),
     _NAMED_NETUID,
     ("end_block", Option(BlockNumber), "Option<BlockNumberFor<T>>")],
    "Subnet lease created.")
SubnetLeaseTerminated = subtensor.event(
    104, "SubnetLeaseTerminated",
    [("beneficiary", AccountId32, "T::AccountId"), _NAMED_NETUID],
    "Subnet lease terminated.")
SymbolUpdated = subtensor.event(105, "SymbolUpdated", [_NAMED_NETUID, ("symbol", Bytes, "Vec<u8>")],
    "Symbol updated.")
CommitRevealVersionSet = subtensor.event(106, "CommitRevealVersionSet", [_U16],
    "Commit reveal version set.")
TimelockedWeightsCommitted = subtensor.event(
    107, "TimelockedWeightsCommitted",
    [_ACCOUNT, (None, NetUidStorageIndex, "NetUidStorageIndex"), (None, H256, "H256"), _U64],
    "Timelocked weights committed.")
TimelockedWeightsRevealed = subtensor.event(
    108, "TimelockedWeightsRevealed",
    [(None, NetUidStorageIndex, "NetUidStorageIndex"), _ACCOUNT],
    "Timelocked weights revealed.")
AutoStakeAdded = subtensor.event(
    109, "AutoStakeAdded",
    [_NAMED_NETUID,
     ("destination", AccountId32, "T::AccountId"),
     _NAMED_HOTKEY,
     ("owner", AccountId32, "T::AccountId"),
     ("incentive", AlphaBalance, "AlphaBalance")],
    "Auto stake added.")
IncentiveAlphaEmittedToMiners = subtensor.event(
    110, "IncentiveAlphaEmittedToMiners",
    [("netuid", NetUidStorageIndex, "NetUidStorageIndex"),
     ("emissions", Vec(AlphaBalance), "Vec<AlphaBalance>")],
    "Incentive alpha emitted to miners.")
MinAllowedUidsSet = subtensor.event(111, "MinAllowedUidsSet", [_NETUID, _U16],
    "Min allowed uids set.")
AutoStakeDestinationSet = subtensor.event(
    112, "AutoStakeDestinationSet",
    [_NAMED_COLDKEY, _NAMED_NETUID, _NAMED_HOTKEY],
    "Auto stake destination set.")
MinNonImmuneUidsSet = subtensor.event(113, "MinNonImmuneUidsSet", [_NETUID, _U16],
    "Min non immune uids set.")
RootClaimed = subtensor.event(114, "RootClaimed", [_NAMED_COLDKEY], "Root claimed.")
RootClaimTypeSet = subtensor.event(
    115, "RootClaimTypeSet",
    [_NAMED_COLDKEY, ("root_claim_type", RootClaimTypeEnum, "RootClaimTypeEnum")],
    "Root claim type set.")
VotingPowerTrackingEnabled = subtensor.event(116, "VotingPowerTrackingEnabled", [_NAMED_NETUID],
    "Voting power tracking enabled.")
VotingPowerTrackingDisableScheduled = subtensor.event(
    117, "VotingPowerTrackingDisableScheduled",
    [_NAMED_NETUID, ("disable_at_block", U64, "u64")],
    "Voting power tracking disable scheduled.")
VotingPowerTrackingDisabled = subtensor.event(118, "VotingPowerTrackingDisabled", [_NAMED_NETUID],
    "Voting power tracking disabled.")
VotingPowerEmaAlphaSet = subtensor.event(
    119, "VotingPowerEmaAlphaSet",
    [_NAMED_NETUID, ("alpha", U64, "u64")],
    "Voting power ema alpha set.")
SubnetLeaseDividendsDistributed = subtensor.event(
    120, "SubnetLeaseDividendsDistributed",
    [("lease_id", LeaseId, "LeaseId"),
     ("contributor", AccountId32, "T::AccountId"),
     ("alpha", AlphaBalance, "AlphaBalance")],
    "Subnet lease dividends distributed.")
AddStakeBurn = subtensor.event(
    121, "AddStakeBurn",
    [_NAMED_NETUID,
     _NAMED_HOTKEY,
     ("amount", TaoBalance, "TaoBalance"),
     ("alpha", AlphaBalance, "AlphaBalance")],
    "Add stake burn.")
ColdkeySwapCleared = subtensor.event(
    122, "ColdkeySwapCleared",
    [("who", AccountId32, "T::AccountId")],
    "Coldkey swap cleared.")
TransactionFeePaidWithAlpha = subtensor.event(
    123, "TransactionFeePaidWithAlpha",
    [("who", AccountId32, "T::AccountId"),
     _NAMED_NETUID,
     ("alpha_fee", AlphaBalance, "AlphaBalance"),
     ("tao_amount", TaoBalance, "TaoBalance")],
    "Transaction fee paid with alpha.")
BurnHalfLifeSet = subtensor.event(
    124, "BurnHalfLifeSet",
    [_NAMED_NETUID, ("burn_half_life", U16, "u16")],
    "Burn half life set.")
BurnIncreaseMultSet = subtensor.event(
    125, "BurnIncreaseMultSet",
    [_NAMED_NETUID, ("burn_increase_mult", U64F64Type, "U64F64")],
    "Burn increase mult set.")
AutoParentDelegationEnabledSet = subtensor.event(
    126, "AutoParentDelegationEnabledSet",
    [_NAMED_HOTKEY, ("enabled", Bool, "bool")],
    "Auto parent delegation enabled set.")
StakeLocked = subtensor.event(
    127, "StakeLocked",
    [_NAMED_COLDKEY, _NAMED_HOTKEY, _NAMED_NETUID, ("amount", AlphaBalance, "AlphaBalance")],
    "Stake locked.")
StakeUnlocked = subtensor.event(
    128, "StakeUnlocked",
    [_NAMED_COLDKEY, _NAMED_HOTKEY, _NAMED_NETUID, ("amount", AlphaBalance, "AlphaBalance")],
    "Stake unlocked.")
LockMoved = subtensor.event(
    129, "LockMoved",
    [_NAMED_COLDKEY,
     ("origin_hotkey", AccountId32, "T::AccountId"),
     ("destination_hotkey", AccountId32, "T::AccountId"),
     _NAMED_NETUID],
    "Lock moved.")
ActivityCutoffFactorMilliSet = subtensor.event(
    130, "ActivityCutoffFactorMilliSet",
    [_NAMED_NETUID, ("factor_milli", U32, "u32")],
    "Activity cutoff factor milli set.")
EpochTriggered = subtensor.event(
    131, "EpochTriggered",
    [_NAMED_NETUID, ("by", AccountId32, "T::AccountId"), ("fires_at", U64, "u64")],
    "Epoch triggered.")
EpochDeferred = subtensor.event(
    132, "EpochDeferred",
    [_NAMED_NETUID, ("from_block", U64, "u64"), ("to_block", U64, "u64")],
    "Epoch deferred.")
EpochSkipped = subtensor.event(133, "EpochSkipped", [_NAMED_NETUID, ("block", U64, "u64")],
    "Epoch skipped.")
SubnetOwnerChanged = subtensor.event(
    134, "SubnetOwnerChanged",
    [_NAMED_NETUID,
     ("old_coldkey", AccountId32, "T::AccountId"),
     ("new_coldkey", AccountId32, "T::AccountId")],
    "Subnet owner changed.")
PerpetualLockUpdated = subtensor.event(
    135, "PerpetualLockUpdated",
    [_NAMED_COLDKEY, _NAMED_NETUID, ("enabled", Bool, "bool")],
    "Perpetual lock updated.")
RejectLockedAlphaUpdated = subtensor.event(
    136, "RejectLockedAlphaUpdated",
    [_NAMED_COLDKEY, ("enabled", Bool, "bool")],
    "Reject locked alpha updated.")
