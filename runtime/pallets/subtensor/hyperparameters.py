"""Hyperparameters as data: what a new subnet starts with and the global settings (spec §7).

Three layers, which must not be confused:

- the storage defaults (what an absent entry reads as) are declared with the storage items
  (:mod:`runtime.pallets.subtensor.storage`) and come from the runtime constants;
- ``init_new_network`` (subnets/subnet.rs) then writes some values explicitly for every new
  subnet, overriding those defaults (:data:`NEW_SUBNET_EXPLICIT`), and ``do_register_network``
  switches TAO emission off until root enables it (:data:`NEW_SUBNET_AFTER_REGISTRATION`);
- migrations have since set some globals on the live chain to values other than the runtime
  default (:data:`GLOBAL_MIGRATED`).

:data:`NEW_SUBNET_HYPERPARAMETERS` is the resulting table of spec §7.1 (storage item name ->
value a freshly registered subnet has) and :data:`GLOBAL_HYPERPARAMETERS` that of §7.2. Both use
the on-chain storage item names, so ``storage.Tempo`` and ``NEW_SUBNET_HYPERPARAMETERS["Tempo"]``
describe the same thing.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any, Final

from runtime.pallets.subtensor import constants as C
from runtime.primitives.fixed import U64F64
from runtime.primitives.scale import EnumValue

NEW_SUBNET_EXPLICIT: Final = MappingProxyType({
    "NetworkRegistrationAllowed": True,
    "MaxAllowedUids": 256,
    "MaxAllowedValidators": 64,
    "MinAllowedWeights": 1,
    "ImmunityPeriod": 5000,
    "Yuma3On": True,
    "Burn": 1_000_000_000,
    "SubnetEmissionEnabled": True,
})
"""Values ``init_new_network`` writes for every new subnet (Burn: ``DefaultNeuronBurnCost``,
1 TAO). Tempo is written too, from the caller (:data:`NEW_SUBNET_TEMPO`)."""

NEW_SUBNET_AFTER_REGISTRATION: Final = MappingProxyType({
    "SubnetEmissionEnabled": False,
})
"""What ``do_register_network`` writes after ``init_new_network``: TAO emission starts off."""

NEW_SUBNET_TEMPO: Final = C.INITIAL_TEMPO
"""Tempo given to a newly registered subnet (360 blocks)."""

NEW_SUBNET_HYPERPARAMETERS: Final[MappingProxyType[str, Any]] = MappingProxyType({
    "Tempo": NEW_SUBNET_TEMPO,
    "Kappa": C.INITIAL_KAPPA,
    "Rho": C.INITIAL_RHO,
    "ImmunityPeriod": NEW_SUBNET_EXPLICIT["ImmunityPeriod"],
    "MaxAllowedUids": NEW_SUBNET_EXPLICIT["MaxAllowedUids"],
    "MinAllowedUids": C.INITIAL_MIN_ALLOWED_UIDS,
    "MaxAllowedValidators": NEW_SUBNET_EXPLICIT["MaxAllowedValidators"],
    "MinAllowedWeights": NEW_SUBNET_EXPLICIT["MinAllowedWeights"],
    "MaxWeightsLimit": C.U16_MAX,
    "ActivityCutoffFactorMilli": C.INITIAL_ACTIVITY_CUTOFF_FACTOR_MILLI,
    "ActivityCutoff": C.INITIAL_ACTIVITY_CUTOFF,
    "BondsMovingAverage": C.INITIAL_BONDS_MOVING_AVERAGE,
    "BondsPenalty": C.INITIAL_BONDS_PENALTY,
    "BondsResetOn": C.INITIAL_BONDS_RESET_ON,
    "Yuma3On": NEW_SUBNET_EXPLICIT["Yuma3On"],
    "LiquidAlphaOn": C.LIQUID_ALPHA_ON,
    "AlphaValues": (C.ALPHA_LOW, C.ALPHA_HIGH),
    "AlphaSigmoidSteepness": C.INITIAL_ALPHA_SIGMOID_STEEPNESS,
    "WeightsSetRateLimit": 100,
    "WeightsVersionKey": C.INITIAL_WEIGHTS_VERSION_KEY,
    "CommitRevealWeightsEnabled": True,
    "RevealPeriodEpochs": 1,
    "Burn": NEW_SUBNET_EXPLICIT["Burn"],
    "MinBurn": C.INITIAL_MIN_BURN,
    "MaxBurn": C.INITIAL_MAX_BURN,
    "BurnHalfLife": 360,
    "BurnIncreaseMult": U64F64.from_bits(C.BURN_INCREASE_MULT_BITS),
    "NetworkRegistrationAllowed": NEW_SUBNET_EXPLICIT["NetworkRegistrationAllowed"],
    "ServingRateLimit": C.INITIAL_SERVING_RATE_LIMIT,
    "TargetRegistrationsPerInterval": C.INITIAL_TARGET_REGISTRATIONS_PER_INTERVAL,
    "AdjustmentInterval": C.INITIAL_ADJUSTMENT_INTERVAL,
    "MaxRegistrationsPerBlock": C.INITIAL_MAX_REGISTRATIONS_PER_BLOCK,
    "Difficulty": C.INITIAL_DIFFICULTY,
    "MinNonImmuneUids": 10,
    "ImmuneOwnerUidsLimit": 1,
    "MechanismCountCurrent": 1,
    "SubnetEmissionEnabled": NEW_SUBNET_AFTER_REGISTRATION["SubnetEmissionEnabled"],
    "OwnerCutEnabled": True,
    "RecycleOrBurn": EnumValue("Burn", None),
    "EMAPriceHalvingBlocks": C.INITIAL_EMA_PRICE_HALVING_PERIOD,
})
"""Spec §7.1: the hyperparameters of a newly registered subnet, by storage item name.
The swap fee rate of a new subnet (``Swap.FeeRate``, 33/65535) lives in the Swap pallet."""

GLOBAL_MIGRATED: Final = MappingProxyType({
    "NetworkImmunityPeriod": 864_000,
    "NetworkRateLimit": 28_800,
    "NominatorMinRequiredStake": 10_000_000,
})
"""Globals whose live value was set by a migration, unlike the runtime default (spec §7.2)."""

GLOBAL_HYPERPARAMETERS: Final[MappingProxyType[str, Any]] = MappingProxyType({
    "SubnetOwnerCut": C.INITIAL_SUBNET_OWNER_CUT,
    "MaxDelegateTake": C.INITIAL_DEFAULT_DELEGATE_TAKE,
    "MinDelegateTake": C.INITIAL_MIN_DELEGATE_TAKE,
    "MaxChildkeyTake": C.INITIAL_MAX_CHILD_KEY_TAKE,
    "MinChildkeyTake": C.INITIAL_MIN_CHILD_KEY_TAKE,
    "TaoWeight": C.INITIAL_TAO_WEIGHT,
    "StakeThreshold": 0,
    "SubnetLimit": 128,
    "NetworkImmunityPeriod": C.INITIAL_NETWORK_IMMUNITY_PERIOD,
    "NetworkMinLockCost": C.INITIAL_NETWORK_MIN_LOCK_COST,
    "NetworkRateLimit": C.INITIAL_NETWORK_RATE_LIMIT,
    "NominatorMinRequiredStake": 0,
    "MaxEpochsPerBlock": C.INITIAL_MAX_EPOCHS_PER_BLOCK,
    "AdminFreezeWindow": 10,
    "TxRateLimit": C.INITIAL_TX_RATE_LIMIT,
    "TxDelegateTakeRateLimit": C.INITIAL_TX_DELEGATE_TAKE_RATE_LIMIT,
    "TxChildkeyTakeRateLimit": C.INITIAL_TX_CHILD_KEY_TAKE_RATE_LIMIT,
    "PendingChildKeyCooldown": C.PENDING_CHILDKEY_COOLDOWN,
})
"""Spec §7.2: global settings as runtime defaults (the storage defaults); see
:data:`GLOBAL_MIGRATED` for the values migrations wrote on the live chain. Default minimum stake
is the constant ``InitialMinStake`` (2 000 000 rao)."""

DEFAULT_MIN_STAKE: Final = C.INITIAL_MIN_STAKE
"""Smallest stake operation (rao), spec §7.2."""

ROOT_NETUID: Final = 0
"""The root network's netuid."""
ROOT_HYPERPARAMETERS: Final = MappingProxyType({
    "Tempo": 100,
    "MaxAllowedUids": 64,
    "MaxAllowedValidators": 64,
})
"""Root network settings from genesis/migrations (spec §7.2)."""
