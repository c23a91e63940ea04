"""SubtensorModule storage: global (chain-wide) storage items: issuance, takes, lock costs, limits,
migrations cursors.

Names, hashers (in key order), key and value types, query kinds and defaults follow
``pallets/subtensor/src/lib.rs`` at subtensor 14bc6f9; defaults are the production runtime's
values of the reference's default functions (see :mod:`runtime.pallets.subtensor.constants`).
"""

from __future__ import annotations

from runtime.frame.storage import VALUE_QUERY, identity
from runtime.pallets.subtensor import constants as C
from runtime.pallets.subtensor.constants import PENDING_CHILDKEY_COOLDOWN
from runtime.pallets.subtensor.pallet import subtensor
from runtime.pallets.subtensor.types import (
    BlockNumber,
    I64F64Type,
    I96F32Type,
    MechId,
    TaoBalance,
    U64F64Type,
)
from runtime.primitives.fixed import I64F64, I96F32, U64F64
from runtime.primitives.scale import U8, U16, U64, Bool, Bytes, Option

MinActivityCutoff = subtensor.value(
    "MinActivityCutoff", U16,
    query=VALUE_QUERY, default=360,
    docs=("Lower bound (blocks) on a subnet's legacy activity cutoff.",))

AdminFreezeWindow = subtensor.value(
    "AdminFreezeWindow", U16,
    query=VALUE_QUERY, default=10,
    docs=('Blocks at the end of each tempo during which owner hyperparameter changes are '
          'refused.',))

OwnerHyperparamRateLimit = subtensor.value(
    "OwnerHyperparamRateLimit", U16,
    query=VALUE_QUERY, default=2,
    docs=('How many tempos a subnet owner must wait between hyperparameter changes.',))

DissolveNetworkScheduleDuration = subtensor.value(
    "DissolveNetworkScheduleDuration", BlockNumber,
    query=VALUE_QUERY, default=C.INITIAL_DISSOLVE_NETWORK_SCHEDULE_DURATION,
    docs=('Delay (blocks) between scheduling and executing a subnet dissolution.',))

TaoWeight = subtensor.value(
    "TaoWeight", U64,
    query=VALUE_QUERY, default=C.INITIAL_TAO_WEIGHT,
    docs=('Weight of root TAO stake against alpha stake, as a u64 fraction of u64::MAX.',))

CKBurn = subtensor.value(
    "CKBurn", U64,
    query=VALUE_QUERY, default=0,
    docs=('Fraction of coldkey emission burned (u64 proportion; unused by default).',))

MaxDelegateTake = subtensor.value(
    "MaxDelegateTake", U16,
    query=VALUE_QUERY, default=C.INITIAL_DEFAULT_DELEGATE_TAKE,
    docs=('Highest delegate take a hotkey may set (u16 fraction of 65535).',))

MinDelegateTake = subtensor.value(
    "MinDelegateTake", U16,
    query=VALUE_QUERY, default=C.INITIAL_MIN_DELEGATE_TAKE,
    docs=('Lowest delegate take a hotkey may set (u16 fraction of 65535).',))

MaxChildkeyTake = subtensor.value(
    "MaxChildkeyTake", U16,
    query=VALUE_QUERY, default=C.INITIAL_MAX_CHILD_KEY_TAKE,
    docs=('Highest childkey take (u16 fraction of 65535).',))

MinChildkeyTake = subtensor.value(
    "MinChildkeyTake", U16,
    query=VALUE_QUERY, default=C.INITIAL_MIN_CHILD_KEY_TAKE,
    docs=('Global lowest childkey take (u16 fraction of 65535).',))

BlockEmission = subtensor.value(
    "BlockEmission", U64,
    query=VALUE_QUERY, default=1000000000,
    docs=('TAO minted per block before halving adjustments (rao).',))

SubnetLimit = subtensor.value(
    "SubnetLimit", U16,
    query=VALUE_QUERY, default=128,
    docs=('Maximum number of subnets.',))

TotalIssuance = subtensor.value(
    "TotalIssuance", TaoBalance,
    query=VALUE_QUERY, default=C.INITIAL_ISSUANCE,
    docs=("Subtensor's own count of TAO in existence (rao).",))

TotalStake = subtensor.value(
    "TotalStake", TaoBalance,
    query=VALUE_QUERY, default=0,
    docs=('TAO held in all subnet pools (rao); bookkeeping only.',))

SubnetMovingAlpha = subtensor.value(
    "SubnetMovingAlpha", I96F32Type,
    query=VALUE_QUERY, default=I96F32.from_bits(C.DEFAULT_MOVING_ALPHA_BITS),
    docs=('Smoothing factor of the subnet moving-price EMA.',))

AlphaMapLastKey = subtensor.value(
    "AlphaMapLastKey", Option(Bytes),
    query=VALUE_QUERY, default=None,
    docs=('Cursor of the multi-block migration over Alpha.',))

AlphaV2MapLastKey = subtensor.value(
    "AlphaV2MapLastKey", Option(Bytes),
    query=VALUE_QUERY, default=None,
    docs=('Cursor of the multi-block migration over AlphaV2.',))

NetTaoFlowEnabled = subtensor.value(
    "NetTaoFlowEnabled", Bool,
    query=VALUE_QUERY, default=True,
    docs=('Whether flow shares use net flow (dormant).',))

TaoFlowCutoff = subtensor.value(
    "TaoFlowCutoff", I64F64Type,
    query=VALUE_QUERY, default=I64F64.ZERO,
    docs=('Flow below which a subnet gets no flow share (dormant).',))

FlowNormExponent = subtensor.value(
    "FlowNormExponent", U64F64Type,
    query=VALUE_QUERY, default=U64F64.ONE,
    docs=('Exponent applied to normalised flows (dormant).',))

FlowEmaSmoothingFactor = subtensor.value(
    "FlowEmaSmoothingFactor", U64,
    query=VALUE_QUERY, default=29_597_889_189_277,
    docs=('Smoothing factor of flow EMAs (u64 fraction of 2^63).',))

NetworkImmunityPeriod = subtensor.value(
    "NetworkImmunityPeriod", U64,
    query=VALUE_QUERY, default=C.INITIAL_NETWORK_IMMUNITY_PERIOD,
    docs=('Blocks a new subnet is protected from deregistration.',))

StartCallDelay = subtensor.value(
    "StartCallDelay", U64,
    query=VALUE_QUERY, default=C.INITIAL_START_CALL_DELAY,
    docs=('Blocks after registration before a subnet owner may call start_call.',))

NetworkMinLockCost = subtensor.value(
    "NetworkMinLockCost", TaoBalance,
    query=VALUE_QUERY, default=C.INITIAL_NETWORK_MIN_LOCK_COST,
    docs=('Lowest subnet registration lock cost (rao).',))

NetworkLastLockCost = subtensor.value(
    "NetworkLastLockCost", TaoBalance,
    query=VALUE_QUERY, default=C.INITIAL_NETWORK_MIN_LOCK_COST,
    docs=('Lock cost paid by the last subnet registration (rao).',))

NetworkLockReductionInterval = subtensor.value(
    "NetworkLockReductionInterval", U64,
    query=VALUE_QUERY, default=C.INITIAL_NETWORK_LOCK_REDUCTION_INTERVAL,
    docs=('Blocks over which the subnet lock cost decays back.',))

SubnetOwnerCut = subtensor.value(
    "SubnetOwnerCut", U16,
    query=VALUE_QUERY, default=C.INITIAL_SUBNET_OWNER_CUT,
    docs=('Share of subnet emission that goes to the subnet owner (u16 fraction).',))

NetworkRateLimit = subtensor.value(
    "NetworkRateLimit", U64,
    query=VALUE_QUERY, default=C.INITIAL_NETWORK_RATE_LIMIT,
    docs=('Blocks between two subnet registrations.',))

NominatorMinRequiredStake = subtensor.value(
    "NominatorMinRequiredStake", U64,
    query=VALUE_QUERY, default=0,
    docs=('Minimum nominator stake, in millionths of the default minimum stake.',))

WeightsVersionKeyRateLimit = subtensor.value(
    "WeightsVersionKeyRateLimit", U64,
    query=VALUE_QUERY, default=5,
    docs=("Tempos between changes of a subnet's weights version key.",))

MaxEpochsPerBlock = subtensor.value(
    "MaxEpochsPerBlock", U8,
    query=VALUE_QUERY, default=C.INITIAL_MAX_EPOCHS_PER_BLOCK,
    docs=('Most epochs run in one block; later ones wait a block.',))

StakeThreshold = subtensor.value(
    "StakeThreshold", U64,
    query=VALUE_QUERY, default=0,
    docs=('Stake needed for a validator permit.',))

CommitRevealWeightsVersion = subtensor.value(
    "CommitRevealWeightsVersion", U16,
    query=VALUE_QUERY, default=4,
    docs=('Commit-reveal version accepted by commit_timelocked_weights.',))

NetworkRegistrationStartBlock = subtensor.value(
    "NetworkRegistrationStartBlock", U64,
    query=VALUE_QUERY, default=0,
    docs=('First block at which subnet registration is allowed.',))

TaoInRefundDeploymentBlock = subtensor.value(
    "TaoInRefundDeploymentBlock", U64,
    query=VALUE_QUERY, default=0,
    docs=('Block at which the TAO-in refund logic was deployed.',))

MaxMechanismCount = subtensor.value(
    "MaxMechanismCount", MechId,
    query=VALUE_QUERY, default=2,
    docs=('Most mechanisms a subnet may have.',))

HasMigrationRun = subtensor.map(
    "HasMigrationRun", identity(Bytes, "Vec<u8>"), Bool,
    query=VALUE_QUERY, default=False,
    docs=('Which named migrations have run.',))

PendingChildKeyCooldown = subtensor.value(
    "PendingChildKeyCooldown", U64,
    query=VALUE_QUERY, default=PENDING_CHILDKEY_COOLDOWN,
    docs=('Blocks before requested child keys take effect.',))

__all__ = [
    "AdminFreezeWindow",
    "AlphaMapLastKey",
    "AlphaV2MapLastKey",
    "BlockEmission",
    "CKBurn",
    "CommitRevealWeightsVersion",
    "DissolveNetworkScheduleDuration",
    "FlowEmaSmoothingFactor",
    "FlowNormExponent",
    "HasMigrationRun",
    "MaxChildkeyTake",
    "MaxDelegateTake",
    "MaxEpochsPerBlock",
    "MaxMechanismCount",
    "MinActivityCutoff",
    "MinChildkeyTake",
    "MinDelegateTake",
    "NetTaoFlowEnabled",
    "NetworkImmunityPeriod",
    "NetworkLastLockCost",
    "NetworkLockReductionInterval",
    "NetworkMinLockCost",
    "NetworkRateLimit",
    "NetworkRegistrationStartBlock",
    "NominatorMinRequiredStake",
    "OwnerHyperparamRateLimit",
    "PendingChildKeyCooldown",
    "StakeThreshold",
    "StartCallDelay",
    "SubnetLimit",
    "SubnetMovingAlpha",
    "SubnetOwnerCut",
    "TaoFlowCutoff",
    "TaoInRefundDeploymentBlock",
    "TaoWeight",
    "TotalIssuance",
    "TotalStake",
    "WeightsVersionKeyRateLimit",
]
