"""SubtensorModule storage: per-subnet hyperparameters (spec §7.1): the values the epoch,
registration and weights read.

Names, hashers (in key order), key and value types, query kinds and defaults follow
``pallets/subtensor/src/lib.rs`` at subtensor 14bc6f9; defaults are the production runtime's
values of the reference's default functions (see :mod:`runtime.pallets.subtensor.constants`).
"""

from __future__ import annotations

from runtime.frame.storage import VALUE_QUERY, blake2_128_concat, identity, twox64_concat
from runtime.pallets.subtensor import constants as C
from runtime.pallets.subtensor.constants import INITIAL_ACTIVITY_CUTOFF_FACTOR_MILLI, U16_MAX
from runtime.pallets.subtensor.pallet import subtensor
from runtime.pallets.subtensor.types import (
    NetUid,
    RecycleOrBurnEnum,
    TaoBalance,
    U64F64Type,
)
from runtime.primitives.fixed import U64F64
from runtime.primitives.scale import I16, U16, U32, U64, Bool, EnumValue, Tuple

MinChildkeyTakePerSubnet = subtensor.map(
    "MinChildkeyTakePerSubnet", identity(NetUid, "NetUid"), U16,
    query=VALUE_QUERY, default=0,
    docs=("A subnet's own lower bound on childkey take.",))

MaxRegistrationsPerBlock = subtensor.map(
    "MaxRegistrationsPerBlock", identity(NetUid, "NetUid"), U16,
    query=VALUE_QUERY, default=C.INITIAL_MAX_REGISTRATIONS_PER_BLOCK,
    docs=('Registrations allowed per block on a subnet (legacy).',))

OwnerCutEnabled = subtensor.map(
    "OwnerCutEnabled", identity(NetUid, "NetUid"), Bool,
    query=VALUE_QUERY, default=True,
    docs=('Whether a subnet pays its owner cut.',))

TransferToggle = subtensor.map(
    "TransferToggle", identity(NetUid, "NetUid"), Bool,
    query=VALUE_QUERY, default=True,
    docs=('Whether stake transfers are enabled on a subnet.',))

Tempo = subtensor.map(
    "Tempo", identity(NetUid, "NetUid"), U16,
    query=VALUE_QUERY, default=C.INITIAL_TEMPO,
    docs=("Blocks between a subnet's epochs.",))

ActivityCutoffFactorMilli = subtensor.map(
    "ActivityCutoffFactorMilli", identity(NetUid, "NetUid"), U32,
    query=VALUE_QUERY, default=INITIAL_ACTIVITY_CUTOFF_FACTOR_MILLI,
    docs=('Activity cutoff as a per-mille multiple of the tempo.',))

NetworkRegistrationAllowed = subtensor.map(
    "NetworkRegistrationAllowed", identity(NetUid, "NetUid"), Bool,
    query=VALUE_QUERY, default=True,
    docs=('Whether neuron registration is open on a subnet.',))

NetworkPowRegistrationAllowed = subtensor.map(
    "NetworkPowRegistrationAllowed", identity(NetUid, "NetUid"), Bool,
    query=VALUE_QUERY, default=True,
    docs=('Whether PoW registration is open on a subnet (legacy).',))

RecycleOrBurn = subtensor.map(
    "RecycleOrBurn", identity(NetUid, "NetUid"), RecycleOrBurnEnum,
    query=VALUE_QUERY, default=EnumValue('Burn', None),
    docs=('Whether owner-uid miner emission is burned or recycled.',))

ServingRateLimit = subtensor.map(
    "ServingRateLimit", identity(NetUid, "NetUid"), U64,
    query=VALUE_QUERY, default=C.INITIAL_SERVING_RATE_LIMIT,
    docs=('Blocks between two serve_axon calls of a hotkey.',))

Rho = subtensor.map(
    "Rho", identity(NetUid, "NetUid"), U16,
    query=VALUE_QUERY, default=C.INITIAL_RHO,
    docs=('Rho (unused by the current epoch).',))

AlphaSigmoidSteepness = subtensor.map(
    "AlphaSigmoidSteepness", identity(NetUid, "NetUid"), I16,
    query=VALUE_QUERY, default=C.INITIAL_ALPHA_SIGMOID_STEEPNESS,
    docs=('Steepness of the liquid-alpha sigmoid.',))

Kappa = subtensor.map(
    "Kappa", identity(NetUid, "NetUid"), U16,
    query=VALUE_QUERY, default=C.INITIAL_KAPPA,
    docs=('Consensus majority threshold (u16 fraction).',))

MinAllowedUids = subtensor.map(
    "MinAllowedUids", identity(NetUid, "NetUid"), U16,
    query=VALUE_QUERY, default=C.INITIAL_MIN_ALLOWED_UIDS,
    docs=('Lowest max-uids a subnet may be trimmed to.',))

MaxAllowedUids = subtensor.map(
    "MaxAllowedUids", identity(NetUid, "NetUid"), U16,
    query=VALUE_QUERY, default=C.INITIAL_MAX_ALLOWED_UIDS,
    docs=('Maximum uids on a subnet.',))

ImmunityPeriod = subtensor.map(
    "ImmunityPeriod", identity(NetUid, "NetUid"), U16,
    query=VALUE_QUERY, default=C.INITIAL_IMMUNITY_PERIOD,
    docs=('Blocks a new neuron is protected from pruning.',))

ActivityCutoff = subtensor.map(
    "ActivityCutoff", identity(NetUid, "NetUid"), U16,
    query=VALUE_QUERY, default=C.INITIAL_ACTIVITY_CUTOFF,
    docs=('Legacy activity cutoff in blocks (deprecated by ActivityCutoffFactorMilli).',))

MaxWeightsLimit = subtensor.map(
    "MaxWeightsLimit", identity(NetUid, "NetUid"), U16,
    query=VALUE_QUERY, default=U16_MAX,
    docs=('Maximum weight per uid (ignored: a constant u16::MAX applies).',))

WeightsVersionKey = subtensor.map(
    "WeightsVersionKey", identity(NetUid, "NetUid"), U64,
    query=VALUE_QUERY, default=C.INITIAL_WEIGHTS_VERSION_KEY,
    docs=('Version key that set_weights must match or exceed.',))

MinAllowedWeights = subtensor.map(
    "MinAllowedWeights", identity(NetUid, "NetUid"), U16,
    query=VALUE_QUERY, default=C.INITIAL_MIN_ALLOWED_WEIGHTS,
    docs=('Fewest weights a validator must set.',))

MaxAllowedValidators = subtensor.map(
    "MaxAllowedValidators", identity(NetUid, "NetUid"), U16,
    query=VALUE_QUERY, default=C.INITIAL_MAX_ALLOWED_VALIDATORS,
    docs=('Maximum validator permits on a subnet.',))

AdjustmentInterval = subtensor.map(
    "AdjustmentInterval", identity(NetUid, "NetUid"), U16,
    query=VALUE_QUERY, default=C.INITIAL_ADJUSTMENT_INTERVAL,
    docs=('Blocks per registration adjustment interval (legacy).',))

BondsMovingAverage = subtensor.map(
    "BondsMovingAverage", identity(NetUid, "NetUid"), U64,
    query=VALUE_QUERY, default=C.INITIAL_BONDS_MOVING_AVERAGE,
    docs=('Bonds EMA factor (per million).',))

BondsPenalty = subtensor.map(
    "BondsPenalty", identity(NetUid, "NetUid"), U16,
    query=VALUE_QUERY, default=C.INITIAL_BONDS_PENALTY,
    docs=('Penalty on bonds of weights above consensus (u16 fraction).',))

BondsResetOn = subtensor.map(
    "BondsResetOn", identity(NetUid, "NetUid"), Bool,
    query=VALUE_QUERY, default=C.INITIAL_BONDS_RESET_ON,
    docs=('Whether bonds are reset when a neuron is replaced.',))

WeightsSetRateLimit = subtensor.map(
    "WeightsSetRateLimit", identity(NetUid, "NetUid"), U64,
    query=VALUE_QUERY, default=100,
    docs=('Blocks between two set_weights calls of a validator.',))

ValidatorPruneLen = subtensor.map(
    "ValidatorPruneLen", identity(NetUid, "NetUid"), U64,
    query=VALUE_QUERY, default=C.INITIAL_VALIDATOR_PRUNE_LEN,
    docs=('Validator prune length (legacy).',))

ScalingLawPower = subtensor.map(
    "ScalingLawPower", identity(NetUid, "NetUid"), U16,
    query=VALUE_QUERY, default=C.INITIAL_SCALING_LAW_POWER,
    docs=('Scaling law power (legacy).',))

TargetRegistrationsPerInterval = subtensor.map(
    "TargetRegistrationsPerInterval", identity(NetUid, "NetUid"), U16,
    query=VALUE_QUERY, default=C.INITIAL_TARGET_REGISTRATIONS_PER_INTERVAL,
    docs=('Target registrations per adjustment interval (legacy).',))

AdjustmentAlpha = subtensor.map(
    "AdjustmentAlpha", identity(NetUid, "NetUid"), U64,
    query=VALUE_QUERY, default=C.INITIAL_ADJUSTMENT_ALPHA,
    docs=('Smoothing of the difficulty adjustment (legacy).',))

CommitRevealWeightsEnabled = subtensor.map(
    "CommitRevealWeightsEnabled", identity(NetUid, "NetUid"), Bool,
    query=VALUE_QUERY, default=True,
    docs=('Whether weights must be committed then revealed.',))

Burn = subtensor.map(
    "Burn", identity(NetUid, "NetUid"), TaoBalance,
    query=VALUE_QUERY, default=C.INITIAL_BURN,
    docs=('Current neuron registration burn price (rao).',))

Difficulty = subtensor.map(
    "Difficulty", identity(NetUid, "NetUid"), U64,
    query=VALUE_QUERY, default=C.INITIAL_DIFFICULTY,
    docs=('PoW registration difficulty (legacy).',))

MinBurn = subtensor.map(
    "MinBurn", identity(NetUid, "NetUid"), TaoBalance,
    query=VALUE_QUERY, default=C.INITIAL_MIN_BURN,
    docs=('Floor of the registration burn price (rao).',))

MaxBurn = subtensor.map(
    "MaxBurn", identity(NetUid, "NetUid"), TaoBalance,
    query=VALUE_QUERY, default=C.INITIAL_MAX_BURN,
    docs=('Ceiling of the registration burn price (rao).',))

MinDifficulty = subtensor.map(
    "MinDifficulty", identity(NetUid, "NetUid"), U64,
    query=VALUE_QUERY, default=C.INITIAL_MIN_DIFFICULTY,
    docs=('Lowest PoW difficulty (legacy).',))

MaxDifficulty = subtensor.map(
    "MaxDifficulty", identity(NetUid, "NetUid"), U64,
    query=VALUE_QUERY, default=C.INITIAL_MAX_DIFFICULTY,
    docs=('Highest PoW difficulty (legacy).',))

EMAPriceHalvingBlocks = subtensor.map(
    "EMAPriceHalvingBlocks", identity(NetUid, "NetUid"), U64,
    query=VALUE_QUERY, default=C.INITIAL_EMA_PRICE_HALVING_PERIOD,
    docs=('Half-life (blocks) of the subnet moving price.',))

LiquidAlphaOn = subtensor.map(
    "LiquidAlphaOn", blake2_128_concat(NetUid, "NetUid"), Bool,
    query=VALUE_QUERY, default=False,
    docs=('Whether liquid alpha (per-bond EMA factors) is on.',))

Yuma3On = subtensor.map(
    "Yuma3On", blake2_128_concat(NetUid, "NetUid"), Bool,
    query=VALUE_QUERY, default=False,
    docs=('Whether the subnet runs Yuma3 bonds.',))

AlphaValues = subtensor.map(
    "AlphaValues", identity(NetUid, "NetUid"), Tuple(U16, U16),
    query=VALUE_QUERY, default=(C.ALPHA_LOW, C.ALPHA_HIGH),
    docs=('Liquid-alpha bounds (low, high) as u16 fractions.',))

VotingPowerTrackingEnabled = subtensor.map(
    "VotingPowerTrackingEnabled", identity(NetUid, "NetUid"), Bool,
    query=VALUE_QUERY, default=False,
    docs=('Whether voting power is tracked on a subnet.',))

VotingPowerDisableAtBlock = subtensor.map(
    "VotingPowerDisableAtBlock", identity(NetUid, "NetUid"), U64,
    query=VALUE_QUERY, default=0,
    docs=('Block at which voting power tracking stops (0: not scheduled).',))

VotingPowerEmaAlpha = subtensor.map(
    "VotingPowerEmaAlpha", identity(NetUid, "NetUid"), U64,
    query=VALUE_QUERY, default=3_570_000_000_000_000,
    docs=('EMA factor of voting power (18 decimals).',))

ImmuneOwnerUidsLimit = subtensor.map(
    "ImmuneOwnerUidsLimit", identity(NetUid, "NetUid"), U16,
    query=VALUE_QUERY, default=1,
    docs=('How many owner uids are immune from pruning.',))

RevealPeriodEpochs = subtensor.map(
    "RevealPeriodEpochs", twox64_concat(NetUid, "NetUid"), U64,
    query=VALUE_QUERY, default=1,
    docs=('Epochs between committing and revealing weights.',))

MinNonImmuneUids = subtensor.map(
    "MinNonImmuneUids", identity(NetUid, "NetUid"), U16,
    query=VALUE_QUERY, default=10,
    docs=('Fewest uids that must stay prunable on a subnet.',))

BurnHalfLife = subtensor.map(
    "BurnHalfLife", identity(NetUid, "NetUid"), U16,
    query=VALUE_QUERY, default=360,
    docs=('Half-life (blocks) of the registration burn price decay.',))

BurnIncreaseMult = subtensor.map(
    "BurnIncreaseMult", identity(NetUid, "NetUid"), U64F64Type,
    query=VALUE_QUERY, default=U64F64.from_bits(C.BURN_INCREASE_MULT_BITS),
    docs=('Factor the burn price is multiplied by on each registration.',))

__all__ = [
    "ActivityCutoff",
    "ActivityCutoffFactorMilli",
    "AdjustmentAlpha",
    "AdjustmentInterval",
    "AlphaSigmoidSteepness",
    "AlphaValues",
    "BondsMovingAverage",
    "BondsPenalty",
    "BondsResetOn",
    "Burn",
    "BurnHalfLife",
    "BurnIncreaseMult",
    "CommitRevealWeightsEnabled",
    "Difficulty",
    "EMAPriceHalvingBlocks",
    "ImmuneOwnerUidsLimit",
    "ImmunityPeriod",
    "Kappa",
    "LiquidAlphaOn",
    "MaxAllowedUids",
    "MaxAllowedValidators",
    "MaxBurn",
    "MaxDifficulty",
    "MaxRegistrationsPerBlock",
    "MaxWeightsLimit",
    "MinAllowedUids",
    "MinAllowedWeights",
    "MinBurn",
    "MinChildkeyTakePerSubnet",
    "MinDifficulty",
    "MinNonImmuneUids",
    "NetworkPowRegistrationAllowed",
    "NetworkRegistrationAllowed",
    "OwnerCutEnabled",
    "RecycleOrBurn",
    "RevealPeriodEpochs",
    "Rho",
    "ScalingLawPower",
    "ServingRateLimit",
    "TargetRegistrationsPerInterval",
    "Tempo",
    "TransferToggle",
    "ValidatorPruneLen",
    "VotingPowerDisableAtBlock",
    "VotingPowerEmaAlpha",
    "VotingPowerTrackingEnabled",
    "WeightsSetRateLimit",
    "WeightsVersionKey",
    "Yuma3On",
]
