"""SubtensorModule's runtime constants (the ``Config`` items the reference exposes in metadata)
and other protocol constants of the pallet.

Values are subtensor's production runtime (``runtime/src/lib.rs`` at 14bc6f9, the non-"fast"
branch of every ``prod_or_fast!``). The 69 metadata constants are declared on the pallet in the
reference's ``Config`` order, so metadata lists them as the reference node does. Each Python
name is the Rust name in upper snake case (``InitialTempo`` -> ``INITIAL_TEMPO``).
"""

from __future__ import annotations

from typing import Any

from runtime.frame.pallet import ConstantDef
from runtime.pallets.subtensor.pallet import subtensor
from runtime.pallets.subtensor.types import BlockNumber, PalletId, Percent, TaoBalance
from runtime.primitives.scale import I16, U8, U16, U32, U64, Bool, ScaleType

U16_MAX = (1 << 16) - 1
U64_MAX = (1 << 64) - 1

# -- metadata constants (Config order) ----------------------------------------------------------

INITIAL_ISSUANCE = 0
"""``InitialIssuance``: TAO issued at genesis (rao)."""
INITIAL_MIN_ALLOWED_WEIGHTS = 1024
"""``InitialMinAllowedWeights``: Default minimum number of weights per validator."""
INITIAL_EMISSION_VALUE = 0
"""``InitialEmissionValue``: Initial emission ratio (unused)."""
INITIAL_TEMPO = 360
"""``InitialTempo``: Default blocks between epochs."""
INITIAL_DIFFICULTY = 10_000_000
"""``InitialDifficulty``: Default PoW difficulty (legacy)."""
INITIAL_MAX_DIFFICULTY = U64_MAX // 4
"""``InitialMaxDifficulty``: Default highest PoW difficulty (legacy)."""
INITIAL_MIN_DIFFICULTY = 10_000_000
"""``InitialMinDifficulty``: Default lowest PoW difficulty (legacy)."""
INITIAL_RAO_RECYCLED_FOR_REGISTRATION = 0
"""``InitialRAORecycledForRegistration``: Default TAO recycled by registrations (rao)."""
INITIAL_BURN = 100_000_000
"""``InitialBurn``: Default registration burn price: 0.1 TAO."""
INITIAL_MAX_BURN = 100_000_000_000
"""``InitialMaxBurn``: Default burn price ceiling: 100 TAO."""
INITIAL_MIN_BURN = 500_000
"""``InitialMinBurn``: Default burn price floor: 0.0005 TAO."""
INITIAL_MIN_STAKE = 2_000_000
"""``InitialMinStake``: Minimum stake amount: 0.002 TAO."""
MIN_BURN_UPPER_BOUND = 1_000_000_000
"""``MinBurnUpperBound``: Highest value MinBurn may be set to: 1 TAO."""
MAX_BURN_LOWER_BOUND = 100_000_000
"""``MaxBurnLowerBound``: Lowest value MaxBurn may be set to: 0.1 TAO."""
MIN_TEMPO = 360
"""``MinTempo``: Shortest tempo an owner may set."""
MAX_TEMPO = 50_400
"""``MaxTempo``: Longest tempo an owner may set."""
MIN_ACTIVITY_CUTOFF_FACTOR_MILLI = 1_000
"""``MinActivityCutoffFactorMilli``: Lowest activity-cutoff factor (per mille of tempo)."""
MAX_ACTIVITY_CUTOFF_FACTOR_MILLI = 50_000
"""``MaxActivityCutoffFactorMilli``: Highest activity-cutoff factor (per mille of tempo)."""
INITIAL_ADJUSTMENT_INTERVAL = 100
"""``InitialAdjustmentInterval``: Default registration adjustment interval (legacy)."""
INITIAL_BONDS_MOVING_AVERAGE = 900_000
"""``InitialBondsMovingAverage``: Default bonds EMA factor (per million)."""
INITIAL_BONDS_PENALTY = U16_MAX
"""``InitialBondsPenalty``: Default bonds penalty: 1.0."""
INITIAL_BONDS_RESET_ON = False
"""``InitialBondsResetOn``: Default for bonds reset."""
INITIAL_TARGET_REGISTRATIONS_PER_INTERVAL = 2
"""``InitialTargetRegistrationsPerInterval``: Default target registrations per interval (legacy)."""
INITIAL_RHO = 10
"""``InitialRho``: Default rho."""
INITIAL_ALPHA_SIGMOID_STEEPNESS = 1000
"""``InitialAlphaSigmoidSteepness``: Default liquid-alpha sigmoid steepness."""
INITIAL_KAPPA = 32_767
"""``InitialKappa``: Default kappa: 0.5."""
INITIAL_MIN_ALLOWED_UIDS = 64
"""``InitialMinAllowedUids``: Default lower bound for trimming max uids."""
INITIAL_MAX_ALLOWED_UIDS = 256
"""``InitialMaxAllowedUids``: Default maximum uids per subnet."""
INITIAL_VALIDATOR_PRUNE_LEN = 1
"""``InitialValidatorPruneLen``: Default validator prune length (legacy)."""
INITIAL_SCALING_LAW_POWER = 50
"""``InitialScalingLawPower``: Default scaling law power (legacy)."""
INITIAL_IMMUNITY_PERIOD = 4096
"""``InitialImmunityPeriod``: Default immunity period (blocks)."""
INITIAL_ACTIVITY_CUTOFF = 5000
"""``InitialActivityCutoff``: Default legacy activity cutoff (blocks)."""
INITIAL_MAX_REGISTRATIONS_PER_BLOCK = 1
"""``InitialMaxRegistrationsPerBlock``: Default registrations per block (legacy)."""
INITIAL_PRUNING_SCORE = U16_MAX
"""``InitialPruningScore``: Initial pruning score (legacy)."""
INITIAL_MAX_ALLOWED_VALIDATORS = 128
"""``InitialMaxAllowedValidators``: Default maximum validators per subnet."""
INITIAL_DEFAULT_DELEGATE_TAKE = 11_796
"""``InitialDefaultDelegateTake``: Default delegate take: about 18 %."""
INITIAL_MIN_DELEGATE_TAKE = 0
"""``InitialMinDelegateTake``: Lowest delegate take."""
INITIAL_DEFAULT_CHILD_KEY_TAKE = 0
"""``InitialDefaultChildKeyTake``: Default childkey take."""
INITIAL_MIN_CHILD_KEY_TAKE = 0
"""``InitialMinChildKeyTake``: Lowest childkey take."""
INITIAL_MAX_CHILD_KEY_TAKE = 11_796
"""``InitialMaxChildKeyTake``: Highest childkey take: about 18 %."""
INITIAL_WEIGHTS_VERSION_KEY = 0
"""``InitialWeightsVersionKey``: Default weights version key."""
INITIAL_SERVING_RATE_LIMIT = 50
"""``InitialServingRateLimit``: Default serving rate limit (blocks)."""
INITIAL_TX_RATE_LIMIT = 1000
"""``InitialTxRateLimit``: Default transaction rate limit (blocks)."""
INITIAL_TX_DELEGATE_TAKE_RATE_LIMIT = 216_000
"""``InitialTxDelegateTakeRateLimit``: Blocks between delegate take increases (30 days)."""
INITIAL_TX_CHILD_KEY_TAKE_RATE_LIMIT = 216_000
"""``InitialTxChildKeyTakeRateLimit``: Blocks between childkey take increases (30 days)."""
INITIAL_ADJUSTMENT_ALPHA = 0
"""``InitialAdjustmentAlpha``: Default difficulty adjustment smoothing (legacy)."""
INITIAL_NETWORK_IMMUNITY_PERIOD = 1_296_000
"""``InitialNetworkImmunityPeriod``: Default subnet immunity period (blocks)."""
INITIAL_NETWORK_MIN_LOCK_COST = 1_000_000_000_000
"""``InitialNetworkMinLockCost``: Default lowest subnet lock cost: 1000 TAO."""
INITIAL_SUBNET_OWNER_CUT = 11_796
"""``InitialSubnetOwnerCut``: Default subnet owner cut: about 18 %."""
INITIAL_NETWORK_LOCK_REDUCTION_INTERVAL = 100_800
"""``InitialNetworkLockReductionInterval``: Blocks over which the lock cost decays (14 days)."""
INITIAL_NETWORK_RATE_LIMIT = 7200
"""``InitialNetworkRateLimit``: Default blocks between subnet registrations."""
KEY_SWAP_COST = 100_000_000
"""``KeySwapCost``: Cost of a hotkey swap: 0.1 TAO."""
ALPHA_HIGH = 58_982
"""``AlphaHigh``: Default liquid-alpha upper bound (about 0.9)."""
ALPHA_LOW = 45_875
"""``AlphaLow``: Default liquid-alpha lower bound (about 0.7)."""
LIQUID_ALPHA_ON = False
"""``LiquidAlphaOn``: Default for liquid alpha."""
YUMA3_ON = False
"""``Yuma3On``: Default for Yuma3."""
INITIAL_COLDKEY_SWAP_ANNOUNCEMENT_DELAY = 36_000
"""``InitialColdkeySwapAnnouncementDelay``: Blocks between a coldkey swap announcement and the swap
(5 days)."""
INITIAL_COLDKEY_SWAP_REANNOUNCEMENT_DELAY = 7200
"""``InitialColdkeySwapReannouncementDelay``: Blocks before a coldkey swap can be announced again
(1 day)."""
INITIAL_DISSOLVE_NETWORK_SCHEDULE_DURATION = 36_000
"""``InitialDissolveNetworkScheduleDuration``: Delay of a scheduled subnet dissolution (5 days)."""
INITIAL_TAO_WEIGHT = 971_718_665_099_567_868
"""``InitialTaoWeight``: Default TAO weight as a fraction of u64::MAX (about 0.0527)."""
INITIAL_EMA_PRICE_HALVING_PERIOD = 201_600
"""``InitialEmaPriceHalvingPeriod``: Default half-life of the moving price (4 weeks)."""
INITIAL_START_CALL_DELAY = 0
"""``InitialStartCallDelay``: Default blocks before start_call is allowed."""
KEY_SWAP_ON_SUBNET_COST = 1_000_000
"""``KeySwapOnSubnetCost``: Cost of a hotkey swap on one subnet: 0.001 TAO."""
HOTKEY_SWAP_ON_SUBNET_INTERVAL = 7200
"""``HotkeySwapOnSubnetInterval``: Blocks between per-subnet hotkey swaps of a coldkey (1 day)."""
LEASE_DIVIDENDS_DISTRIBUTION_INTERVAL = 100
"""``LeaseDividendsDistributionInterval``: Blocks between lease dividend distributions."""
MAX_IMMUNE_UIDS_PERCENTAGE = 80
"""``MaxImmuneUidsPercentage``: Most uids (percent) that may be immune at once."""
SUBTENSOR_PALLET_ID = b"subtensr"
"""``SubtensorPalletId``: Id from which subnet accounts are derived."""
BURN_ACCOUNT_ID = b"burntnsr"
"""``BurnAccountId``: Id of the account that holds burned funds."""
INITIAL_MAX_EPOCHS_PER_BLOCK = 2
"""``InitialMaxEpochsPerBlock``: Most epochs run in one block."""

# -- the table declared on the pallet --------------------------------------------------------------

RUNTIME_CONSTANTS: tuple[tuple[str, ScaleType, Any, str], ...] = (
    ("InitialIssuance", TaoBalance, INITIAL_ISSUANCE,
     "TAO issued at genesis (rao)."),
    ("InitialMinAllowedWeights", U16, INITIAL_MIN_ALLOWED_WEIGHTS,
     "Default minimum number of weights per validator."),
    ("InitialEmissionValue", U16, INITIAL_EMISSION_VALUE,
     "Initial emission ratio (unused)."),
    ("InitialTempo", U16, INITIAL_TEMPO,
     "Default blocks between epochs."),
    ("InitialDifficulty", U64, INITIAL_DIFFICULTY,
     "Default PoW difficulty (legacy)."),
    ("InitialMaxDifficulty", U64, INITIAL_MAX_DIFFICULTY,
     "Default highest PoW difficulty (legacy)."),
    ("InitialMinDifficulty", U64, INITIAL_MIN_DIFFICULTY,
     "Default lowest PoW difficulty (legacy)."),
    ("InitialRAORecycledForRegistration", TaoBalance, INITIAL_RAO_RECYCLED_FOR_REGISTRATION,
     "Default TAO recycled by registrations (rao)."),
    ("InitialBurn", TaoBalance, INITIAL_BURN,
     "Default registration burn price: 0.1 TAO."),
    ("InitialMaxBurn", TaoBalance, INITIAL_MAX_BURN,
     "Default burn price ceiling: 100 TAO."),
    ("InitialMinBurn", TaoBalance, INITIAL_MIN_BURN,
     "Default burn price floor: 0.0005 TAO."),
    ("InitialMinStake", TaoBalance, INITIAL_MIN_STAKE,
     "Minimum stake amount: 0.002 TAO."),
    ("MinBurnUpperBound", TaoBalance, MIN_BURN_UPPER_BOUND,
     "Highest value MinBurn may be set to: 1 TAO."),
    ("MaxBurnLowerBound", TaoBalance, MAX_BURN_LOWER_BOUND,
     "Lowest value MaxBurn may be set to: 0.1 TAO."),
    ("MinTempo", U16, MIN_TEMPO,
     "Shortest tempo an owner may set."),
    ("MaxTempo", U16, MAX_TEMPO,
     "Longest tempo an owner may set."),
    ("MinActivityCutoffFactorMilli", U32, MIN_ACTIVITY_CUTOFF_FACTOR_MILLI,
     "Lowest activity-cutoff factor (per mille of tempo)."),
    ("MaxActivityCutoffFactorMilli", U32, MAX_ACTIVITY_CUTOFF_FACTOR_MILLI,
     "Highest activity-cutoff factor (per mille of tempo)."),
    ("InitialAdjustmentInterval", U16, INITIAL_ADJUSTMENT_INTERVAL,
     "Default registration adjustment interval (legacy)."),
    ("InitialBondsMovingAverage", U64, INITIAL_BONDS_MOVING_AVERAGE,
     "Default bonds EMA factor (per million)."),
    ("InitialBondsPenalty", U16, INITIAL_BONDS_PENALTY,
     "Default bonds penalty: 1.0."),
    ("InitialBondsResetOn", Bool, INITIAL_BONDS_RESET_ON,
     "Default for bonds reset."),
    ("InitialTargetRegistrationsPerInterval", U16, INITIAL_TARGET_REGISTRATIONS_PER_INTERVAL,
     "Default target registrations per interval (legacy)."),
    ("InitialRho", U16, INITIAL_RHO,
     "Default rho."),
    ("InitialAlphaSigmoidSteepness", I16, INITIAL_ALPHA_SIGMOID_STEEPNESS,
     "Default liquid-alpha sigmoid steepness."),
    ("InitialKappa", U16, INITIAL_KAPPA,
     "Default kappa: 0.5."),
    ("InitialMinAllowedUids", U16, INITIAL_MIN_ALLOWED_UIDS,
     "Default lower bound for trimming max uids."),
    ("InitialMaxAllowedUids", U16, INITIAL_MAX_ALLOWED_UIDS,
     "Default maximum uids per subnet."),
    ("InitialValidatorPruneLen", U64, INITIAL_VALIDATOR_PRUNE_LEN,
     "Default validator prune length (legacy)."),
    ("InitialScalingLawPower", U16, INITIAL_SCALING_LAW_POWER,
     "Default scaling law power (legacy)."),
    ("InitialImmunityPeriod", U16, INITIAL_IMMUNITY_PERIOD,
     "Default immunity period (blocks)."),
    ("InitialActivityCutoff", U16, INITIAL_ACTIVITY_CUTOFF,
     "Default legacy activity cutoff (blocks)."),
    ("InitialMaxRegistrationsPerBlock", U16, INITIAL_MAX_REGISTRATIONS_PER_BLOCK,
     "Default registrations per block (legacy)."),
    ("InitialPruningScore", U16, INITIAL_PRUNING_SCORE,
     "Initial pruning score (legacy)."),
    ("InitialMaxAllowedValidators", U16, INITIAL_MAX_ALLOWED_VALIDATORS,
     "Default maximum validators per subnet."),
    ("InitialDefaultDelegateTake", U16, INITIAL_DEFAULT_DELEGATE_TAKE,
     "Default delegate take: about 18 %."),
    ("InitialMinDelegateTake", U16, INITIAL_MIN_DELEGATE_TAKE,
     "Lowest delegate take."),
    ("InitialDefaultChildKeyTake", U16, INITIAL_DEFAULT_CHILD_KEY_TAKE,
     "Default childkey take."),
    ("InitialMinChildKeyTake", U16, INITIAL_MIN_CHILD_KEY_TAKE,
     "Lowest childkey take."),
    ("InitialMaxChildKeyTake", U16, INITIAL_MAX_CHILD_KEY_TAKE,
     "Highest childkey take: about 18 %."),
    ("InitialWeightsVersionKey", U64, INITIAL_WEIGHTS_VERSION_KEY,
     "Default weights version key."),
    ("InitialServingRateLimit", U64, INITIAL_SERVING_RATE_LIMIT,
     "Default serving rate limit (blocks)."),
    ("InitialTxRateLimit", U64, INITIAL_TX_RATE_LIMIT,
     "Default transaction rate limit (blocks)."),
    ("InitialTxDelegateTakeRateLimit", U64, INITIAL_TX_DELEGATE_TAKE_RATE_LIMIT,
     "Blocks between delegate take increases (30 days)."),
    ("InitialTxChildKeyTakeRateLimit", U64, INITIAL_TX_CHILD_KEY_TAKE_RATE_LIMIT,
     "Blocks between childkey take increases (30 days)."),
    ("InitialAdjustmentAlpha", U64, INITIAL_ADJUSTMENT_ALPHA,
     "Default difficulty adjustment smoothing (legacy)."),
    ("InitialNetworkImmunityPeriod", U64, INITIAL_NETWORK_IMMUNITY_PERIOD,
     "Default subnet immunity period (blocks)."),
    ("InitialNetworkMinLockCost", TaoBalance, INITIAL_NETWORK_MIN_LOCK_COST,
     "Default lowest subnet lock cost: 1000 TAO."),
    ("InitialSubnetOwnerCut", U16, INITIAL_SUBNET_OWNER_CUT,
     "Default subnet owner cut: about 18 %."),
    ("InitialNetworkLockReductionInterval", U64, INITIAL_NETWORK_LOCK_REDUCTION_INTERVAL,
     "Blocks over which the lock cost decays (14 days)."),
    ("InitialNetworkRateLimit", U64, INITIAL_NETWORK_RATE_LIMIT,
     "Default blocks between subnet registrations."),
    ("KeySwapCost", TaoBalance, KEY_SWAP_COST,
     "Cost of a hotkey swap: 0.1 TAO."),
    ("AlphaHigh", U16, ALPHA_HIGH,
     "Default liquid-alpha upper bound (about 0.9)."),
    ("AlphaLow", U16, ALPHA_LOW,
     "Default liquid-alpha lower bound (about 0.7)."),
    ("LiquidAlphaOn", Bool, LIQUID_ALPHA_ON,
     "Default for liquid alpha."),
    ("Yuma3On", Bool, YUMA3_ON,
     "Default for Yuma3."),
    ("InitialColdkeySwapAnnouncementDelay", BlockNumber, INITIAL_COLDKEY_SWAP_ANNOUNCEMENT_DELAY,
     "Blocks between a coldkey swap announcement and the swap (5 days)."),
    ("InitialColdkeySwapReannouncementDelay", BlockNumber,
     INITIAL_COLDKEY_SWAP_REANNOUNCEMENT_DELAY,
     "Blocks before a coldkey swap can be announced again (1 day)."),
    ("InitialDissolveNetworkScheduleDuration", BlockNumber,
     INITIAL_DISSOLVE_NETWORK_SCHEDULE_DURATION,
     "Delay of a scheduled subnet dissolution (5 days)."),
    ("InitialTaoWeight", U64, INITIAL_TAO_WEIGHT,
     "Default TAO weight as a fraction of u64::MAX (about 0.0527)."),
    ("InitialEmaPriceHalvingPeriod", U64, INITIAL_EMA_PRICE_HALVING_PERIOD,
     "Default half-life of the moving price (4 weeks)."),
    ("InitialStartCallDelay", U64, INITIAL_START_CALL_DELAY,
     "Default blocks before start_call is allowed."),
    ("KeySwapOnSubnetCost", TaoBalance, KEY_SWAP_ON_SUBNET_COST,
     "Cost of a hotkey swap on one subnet: 0.001 TAO."),
    ("HotkeySwapOnSubnetInterval", U64, HOTKEY_SWAP_ON_SUBNET_INTERVAL,
     "Blocks between per-subnet hotkey swaps of a coldkey (1 day)."),
    ("LeaseDividendsDistributionInterval", BlockNumber, LEASE_DIVIDENDS_DISTRIBUTION_INTERVAL,
     "Blocks between lease dividend distributions."),
    ("MaxImmuneUidsPercentage", Percent, MAX_IMMUNE_UIDS_PERCENTAGE,
     "Most uids (percent) that may be immune at once."),
    ("SubtensorPalletId", PalletId, SUBTENSOR_PALLET_ID,
     "Id from which subnet accounts are derived."),
    ("BurnAccountId", PalletId, BURN_ACCOUNT_ID,
     "Id of the account that holds burned funds."),
    ("InitialMaxEpochsPerBlock", U8, INITIAL_MAX_EPOCHS_PER_BLOCK,
     "Most epochs run in one block."),
)

"""(metadata name, SCALE type, value, doc) of every constant, in the reference's order."""

DECLARED: dict[str, ConstantDef] = {
    name: subtensor.constant(name, type_, value, doc)
    for name, type_, value, doc in RUNTIME_CONSTANTS
}
"""The pallet's constant declarations by metadata name."""

# -- protocol constants that are not metadata constants ------------------------------------------

INITIAL_ACTIVITY_CUTOFF_FACTOR_MILLI = 13_889
"""Default activity-cutoff factor: 13.889 × tempo, i.e. 5000 blocks at tempo 360."""
PENDING_CHILDKEY_COOLDOWN = 7200
"""Blocks before requested child keys apply (``DefaultPendingCooldown``, production value)."""
DEFAULT_TOKEN_SYMBOL = "\U0001d70f".encode()
"""A subnet's token symbol until one is set: the UTF-8 bytes of the Greek small tau 𝜏."""
BURN_INCREASE_MULT_BITS = 23_242_897_532_874_035_200
"""Bits of ``U64F64::from_num(1.26)`` (default BurnIncreaseMult): the f64 nearest 1.26 times
2^64, which is an integer."""
DEFAULT_MOVING_ALPHA_BITS = 12_885
"""Bits of ``I96F32::saturating_from_num(0.000003)`` (default SubnetMovingAlpha): 0.000003 × 2^32
= 12 884.9..., rounded to nearest."""
GLOBAL_MAX_SUBNET_COUNT = 4096
"""Netuids are below this; ``NetUidStorageIndex = mech_id × 4096 + netuid`` (spec §0.1)."""
MAX_CRV3_COMMIT_SIZE_BYTES = 5000
"""Largest timelocked weight commit (bytes)."""
EXISTENTIAL_DEPOSIT = 500
"""Balances' existential deposit (rao), as subtensor's rules refer to it."""
