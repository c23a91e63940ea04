"""``get_subnet_hyperparams`` (v1), ``get_subnet_hyperparams_v2`` and ``_v3``.

Reference (subtensor 14bc6f9): ``rpc_info/subnet_info.rs`` and the getters of
``utils/misc.rs``: ``max_weights_limit`` is the constant ``u16::MAX``; ``activity_cutoff`` is
``max(ActivityCutoffFactorMilli × Tempo / 1000, 1)``; ``alpha_sigmoid_steepness`` is the stored
i16 as an ``I32F32``; ``yuma_version`` is 3 when ``Yuma3On`` else 2; ``subnet_is_active`` is
``SubtokenEnabled``; ``user_liquidity_enabled`` is always false; ``min_childkey_take`` is the
larger of the global and the per-subnet minimum. V3 lists the entries in the reference's order.
"""

from __future__ import annotations

from typing import Any

from runtime.pallets.subtensor import storage as st
from runtime.primitives.externalities import Externalities
from runtime.primitives.scale import EnumValue

U16_MAX = 0xFFFF
U64_MAX = (1 << 64) - 1


def activity_cutoff_blocks(ext: Externalities, netuid: int) -> int:
    """``get_activity_cutoff_blocks``: factor‰ × tempo / 1000 (saturating), at least 1."""
    factor = int(st.ActivityCutoffFactorMilli.get(ext, netuid))
    return max(min(factor * int(st.Tempo.get(ext, netuid)), U64_MAX) // 1000, 1)


def _values(ext: Externalities, netuid: int) -> dict[str, Any]:
    """Every hyperparameter either version reports, by its Rust name."""
    alpha_low, alpha_high = st.AlphaValues.get(ext, netuid)
    return {
        "rho": int(st.Rho.get(ext, netuid)), "kappa": int(st.Kappa.get(ext, netuid)),
        "immunity_period": int(st.ImmunityPeriod.get(ext, netuid)),
        "min_allowed_weights": int(st.MinAllowedWeights.get(ext, netuid)),
        "max_weights_limit": U16_MAX, "tempo": int(st.Tempo.get(ext, netuid)),
        "min_difficulty": int(st.MinDifficulty.get(ext, netuid)),
        "max_difficulty": int(st.MaxDifficulty.get(ext, netuid)),
        "weights_version": int(st.WeightsVersionKey.get(ext, netuid)),
        "weights_rate_limit": int(st.WeightsSetRateLimit.get(ext, netuid)),
        "adjustment_interval": int(st.AdjustmentInterval.get(ext, netuid)),
        "activity_cutoff": activity_cutoff_blocks(ext, netuid),
        "activity_cutoff_factor": int(st.ActivityCutoffFactorMilli.get(ext, netuid)),
        "registration_allowed": bool(st.NetworkRegistrationAllowed.get(ext, netuid)),
        "target_regs_per_interval": int(st.TargetRegistrationsPerInterval.get(ext, netuid)),
        "min_burn": int(st.MinBurn.get(ext, netuid)), "max_burn": int(st.MaxBurn.get(ext, netuid)),
        "burn_half_life": int(st.BurnHalfLife.get(ext, netuid)),
        "burn_increase_mult": st.BurnIncreaseMult.get(ext, netuid),
        "bonds_moving_avg": int(st.BondsMovingAverage.get(ext, netuid)),
        "max_regs_per_block": int(st.MaxRegistrationsPerBlock.get(ext, netuid)),
        "serving_rate_limit": int(st.ServingRateLimit.get(ext, netuid)),
        "max_validators": int(st.MaxAllowedValidators.get(ext, netuid)),
        "adjustment_alpha": int(st.AdjustmentAlpha.get(ext, netuid)),
        "difficulty": int(st.Difficulty.get(ext, netuid)),
        "commit_reveal_period": int(st.RevealPeriodEpochs.get(ext, netuid)),
        "commit_reveal_weights_enabled": bool(st.CommitRevealWeightsEnabled.get(ext, netuid)),
        "alpha_high": int(alpha_high), "alpha_low": int(alpha_low),
        "liquid_alpha_enabled": bool(st.LiquidAlphaOn.get(ext, netuid)),
        "alpha_sigmoid_steepness": {"bits": int(st.AlphaSigmoidSteepness.get(ext, netuid)) << 32},
        "yuma_version": 3 if st.Yuma3On.get(ext, netuid) else 2,
        "subnet_is_active": bool(st.SubtokenEnabled.get(ext, netuid)),
        "transfers_enabled": bool(st.TransferToggle.get(ext, netuid)),
        "bonds_reset_enabled": bool(st.BondsResetOn.get(ext, netuid)),
        "user_liquidity_enabled": False,
        "owner_cut_enabled": bool(st.OwnerCutEnabled.get(ext, netuid)),
        "owner_cut_auto_lock_enabled": bool(st.OwnerCutAutoLockEnabled.get(ext, netuid)),
        "min_childkey_take": max(int(st.MinChildkeyTake.get(ext)),
                                 int(st.MinChildkeyTakePerSubnet.get(ext, netuid))),
    }


_V2_FIELDS = (
    "rho", "kappa", "immunity_period", "min_allowed_weights", "max_weights_limit", "tempo",
    "min_difficulty", "max_difficulty", "weights_version", "weights_rate_limit",
    "adjustment_interval", "activity_cutoff", "registration_allowed", "target_regs_per_interval",
    "min_burn", "max_burn", "bonds_moving_avg", "max_regs_per_block", "serving_rate_limit",
    "max_validators", "adjustment_alpha", "difficulty", "commit_reveal_period",
    "commit_reveal_weights_enabled", "alpha_high", "alpha_low", "liquid_alpha_enabled",
    "alpha_sigmoid_steepness", "yuma_version", "subnet_is_active", "transfers_enabled",
    "bonds_reset_enabled", "user_liquidity_enabled",
)

_V1_COUNT = _V2_FIELDS.index("liquid_alpha_enabled") + 1

V3_ENTRIES: tuple[tuple[str, str], ...] = (
    ("kappa", "U16"), ("immunity_period", "U16"), ("min_allowed_weights", "U16"),
    ("max_weights_limit", "U16"), ("tempo", "U16"), ("weights_version", "U64"),
    ("weights_rate_limit", "U64"), ("activity_cutoff", "U64"),
    ("activity_cutoff_factor", "U32"), ("registration_allowed", "Bool"),
    ("target_regs_per_interval", "U16"), ("min_burn", "TaoBalance"),
    ("max_burn", "TaoBalance"), ("burn_half_life", "U16"), ("burn_increase_mult", "U64F64"),
    ("bonds_moving_avg", "U64"), ("max_regs_per_block", "U16"), ("serving_rate_limit", "U64"),
    ("max_validators", "U16"), ("commit_reveal_period", "U64"),
    ("commit_reveal_weights_enabled", "Bool"), ("alpha_high", "U16"), ("alpha_low", "U16"),
    ("liquid_alpha_enabled", "Bool"), ("alpha_sigmoid_steepness", "I32F32"),
    ("yuma_version", "U16"), ("subnet_is_active", "Bool"), ("transfers_enabled", "Bool"),
    ("bonds_reset_enabled", "Bool"), ("user_liquidity_enabled", "Bool"),
    ("owner_cut_enabled", "Bool"), ("owner_cut_auto_lock_enabled", "Bool"),
    ("min_childkey_take", "U16"),
)
"""The V3 entries in the reference's order: (name, ``HyperparamValue`` variant)."""


def hyperparams_v1(ext: Externalities, netuid: int) -> dict[str, Any] | None:
    """``get_subnet_hyperparams``: v2's first 27 fields (through ``liquid_alpha_enabled``)."""
    values = hyperparams_v2(ext, netuid)
    if values is None:
        return None
    return {name: values[name] for name in _V2_FIELDS[:_V1_COUNT]}


def hyperparams_v2(ext: Externalities, netuid: int) -> dict[str, Any] | None:
    """``get_subnet_hyperparams_v2``: None when the subnet does not exist."""
    if not st.NetworksAdded.get(ext, netuid):
        return None
    values = _values(ext, netuid)
    return {name: values[name] for name in _V2_FIELDS}


def hyperparams_v3(ext: Externalities, netuid: int) -> list[dict[str, Any]] | None:
    """``get_subnet_hyperparams_v3``: ``[{name, value: HyperparamValue}]``, None when the subnet
    does not exist."""
    if not st.NetworksAdded.get(ext, netuid):
        return None
    values = _values(ext, netuid)
    return [{"name": name.encode(), "value": EnumValue(variant, values[name])}
            for name, variant in V3_ENTRIES]
