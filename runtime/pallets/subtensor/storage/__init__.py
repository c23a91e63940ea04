"""SubtensorModule storage (spec/subtensor.md §1.1, §1.12, §4.1, §5, §7), declared by topic.

Every storage item of ``pallets/subtensor/src/lib.rs`` at subtensor 14bc6f9 is declared on
:data:`runtime.pallets.subtensor.pallet.subtensor` in one of the modules of this package:

- :mod:`.globals`: chain-wide values (issuance, takes, lock costs, limits);
- :mod:`.subnets`: per-subnet state (existence, ownership, pools, emission, scheduler, leases);
- :mod:`.hyperparameters`: per-subnet hyperparameters;
- :mod:`.neurons`: per-uid state, epoch outputs and serving endpoints;
- :mod:`.weights`: weights, bonds and weight commits;
- :mod:`.staking`: stake, shares, delegation, childkeys, locks and root claims;
- :mod:`.identity`: identities, token symbols, EVM associations;
- :mod:`.rate_limits`: rate limits and coldkey swap announcements.

All items are re-exported here (``from runtime.pallets.subtensor.storage import Tempo``). After
loading, the pallet's storage list is put in the reference's declaration order
(:data:`STORAGE_ORDER`), which is the order metadata lists them in.
"""

from __future__ import annotations

from runtime.pallets.subtensor.pallet import subtensor
from runtime.pallets.subtensor.storage.globals import *  # noqa: F403
from runtime.pallets.subtensor.storage.hyperparameters import *  # noqa: F403
from runtime.pallets.subtensor.storage.identity import *  # noqa: F403
from runtime.pallets.subtensor.storage.neurons import *  # noqa: F403
from runtime.pallets.subtensor.storage.rate_limits import *  # noqa: F403
from runtime.pallets.subtensor.storage.staking import *  # noqa: F403
from runtime.pallets.subtensor.storage.subnets import *  # noqa: F403
from runtime.pallets.subtensor.storage.weights import *  # noqa: F403

STORAGE_ORDER: tuple[str, ...] = (
    "MinActivityCutoff", "AdminFreezeWindow", "OwnerHyperparamRateLimit",
    "DissolveNetworkScheduleDuration", "LastHotkeySwapOnNetuid", "NextStakeJobId", "TaoWeight",
    "CKBurn", "MaxDelegateTake", "MinDelegateTake", "MaxChildkeyTake", "MinChildkeyTake",
    "MinChildkeyTakePerSubnet", "Owner", "AccountFlags", "Delegates", "ChildkeyTake",
    "PendingChildKeys", "ChildKeys", "ParentKeys", "AlphaDividendsPerSubnet",
    "RootAlphaDividendsPerSubnet", "BlockEmission", "LastHotkeyEmissionOnNetuid", "SubnetLimit",
    "TotalIssuance", "TotalStake", "SubnetMovingAlpha", "SubnetMovingPrice", "RootProp",
    "SubnetVolume", "SubnetTAO", "SubnetAlphaInEmission", "SubnetEmissionEnabled",
    "SubnetAlphaOutEmission", "SubnetTaoInEmission", "SubnetExcessTao", "SubnetRootSellTao",
    "SubnetAlphaIn", "SubnetAlphaOut", "SubnetProtocolAlpha", "StakingHotkeys", "OwnedHotkeys",
    "AutoStakeDestination", "AutoStakeDestinationColdkeys", "ColdkeySwapAnnouncementDelay",
    "ColdkeySwapReannouncementDelay", "ColdkeySwapAnnouncements", "ColdkeySwapDisputes",
    "TotalHotkeyAlpha", "TotalHotkeyAlphaLastEpoch", "TotalHotkeyShares", "Alpha",
    "TotalHotkeySharesV2", "AlphaV2", "Lock", "LockingColdkeys", "HotkeyLock",
    "DecayingHotkeyLock", "OwnerLock", "DecayingOwnerLock", "DecayingLock",
    "OwnerCutAutoLockEnabled", "MaturityRate", "UnlockRate", "AlphaMapLastKey",
    "AlphaV2MapLastKey", "TokenSymbol", "SubnetTaoFlow", "SubnetEmaTaoFlow", "NetTaoFlowEnabled",
    "SubnetProtocolFlow", "SubnetEmaProtocolFlow", "TaoFlowCutoff", "FlowNormExponent",
    "FlowEmaSmoothingFactor", "UsedWork", "MaxRegistrationsPerBlock", "TotalNetworks",
    "NetworkImmunityPeriod", "StartCallDelay", "NetworkMinLockCost", "NetworkLastLockCost",
    "NetworkLockReductionInterval", "SubnetOwnerCut", "OwnerCutEnabled", "NetworkRateLimit",
    "NominatorMinRequiredStake", "WeightsVersionKeyRateLimit", "LastRateLimitedBlock",
    "TransferToggle", "SubnetLocked", "LargestLocked", "Tempo", "LastEpochBlock", "PendingEpochAt",
    "SubnetEpochIndex", "ActivityCutoffFactorMilli", "FirstEmissionBlockNumber", "SubnetMechanism",
    "SubnetworkN", "NetworksAdded", "IsNetworkMember", "NetworkRegistrationAllowed",
    "NetworkPowRegistrationAllowed", "NetworkRegisteredAt", "RegisteredSubnetCounter",
    "PendingServerEmission", "PendingValidatorEmission", "PendingRootAlphaDivs", "PendingOwnerCut",
    "MinerBurned", "BlocksSinceLastStep", "LastMechansimStepBlock", "SubnetOwner",
    "SubnetOwnerHotkey", "RecycleOrBurn", "ServingRateLimit", "Rho", "AlphaSigmoidSteepness",
    "Kappa", "RegistrationsThisInterval", "POWRegistrationsThisInterval",
    "BurnRegistrationsThisInterval", "MinAllowedUids", "MaxAllowedUids", "ImmunityPeriod",
    "ActivityCutoff", "MaxWeightsLimit", "WeightsVersionKey", "MinAllowedWeights",
    "MaxAllowedValidators", "AdjustmentInterval", "BondsMovingAverage", "BondsPenalty",
    "BondsResetOn", "WeightsSetRateLimit", "ValidatorPruneLen", "ScalingLawPower",
    "TargetRegistrationsPerInterval", "AdjustmentAlpha", "CommitRevealWeightsEnabled", "Burn",
    "Difficulty", "MinBurn", "MaxBurn", "MinDifficulty", "MaxDifficulty", "LastAdjustmentBlock",
    "RegistrationsThisBlock", "EMAPriceHalvingBlocks", "RAORecycledForRegistration",
    "MaxEpochsPerBlock", "TxRateLimit", "TxDelegateTakeRateLimit", "TxChildkeyTakeRateLimit",
    "LiquidAlphaOn", "Yuma3On", "AlphaValues", "SubtokenEnabled", "VotingPower",
    "VotingPowerTrackingEnabled", "VotingPowerDisableAtBlock", "VotingPowerEmaAlpha",
    "ImmuneOwnerUidsLimit", "StakeWeight", "Uids", "Keys", "LoadedEmission", "Active", "Consensus",
    "Incentive", "Dividends", "Emission", "LastUpdate", "ValidatorTrust", "ValidatorPermit",
    "Weights", "Bonds", "BlockAtRegistration", "Axons", "NeuronCertificates", "Prometheus",
    "IdentitiesV2", "SubnetIdentitiesV3", "TransactionKeyLastBlock", "LastTxBlock",
    "LastTxBlockChildKeyTake", "LastTxBlockDelegateTake", "StakeThreshold", "WeightCommits",
    "TimelockedWeightCommits", "CRV3WeightCommits", "CRV3WeightCommitsV2", "RevealPeriodEpochs",
    "LastColdkeyHotkeyStakeBlock", "RootClaimableThreshold", "RootClaimable", "RootClaimed",
    "RootClaimType", "StakingColdkeysByIndex", "StakingColdkeys", "NumStakingColdkeys",
    "NumRootClaim", "AssociatedEvmAddress", "SubnetLeases", "SubnetLeaseShares",
    "SubnetUidToLeaseId", "NextSubnetLeaseId", "AccumulatedLeaseDividends",
    "CommitRevealWeightsVersion", "NetworkRegistrationStartBlock", "TaoInRefundDeploymentBlock",
    "MinNonImmuneUids", "MaxMechanismCount", "MechanismCountCurrent", "MechanismEmissionSplit",
    "BurnHalfLife", "BurnIncreaseMult", "AutoParentDelegationEnabled", "HasMigrationRun",
    "PendingChildKeyCooldown"
)
"""Names of the storage items in the reference's declaration order (lib.rs, top to bottom)."""

_POSITION = {name: position for position, name in enumerate(STORAGE_ORDER)}
subtensor.storage.sort(key=lambda item: _POSITION[item.name])
