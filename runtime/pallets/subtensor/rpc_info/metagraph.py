"""``get_metagraph``, ``get_mechagraph`` and their ``get_all_*``: a subnet's full state.

Reference (subtensor 14bc6f9): ``rpc_info/metagraph.rs``. The pool and emission fields are
``get_dynamic_info``'s (``emission`` named ``subnet_emission``), the hyperparameters
``get_subnet_hyperparams_v2``'s plus ``pow_registration_allowed``, ``num_uids`` and
``max_uids``; per uid: hotkey (``Keys``, zero account when missing), owner coldkey, the
coldkey's ``IdentitiesV2``, the axon (zeroed when never served) and the stored vectors and
stakes as ``get_subnet_state``; ``tao_dividends_per_hotkey`` is always 0 per hotkey,
``alpha_dividends_per_hotkey`` is ``AlphaDividendsPerSubnet``.
"""

from __future__ import annotations

from typing import Any

from runtime.frame import system
from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.constants import GLOBAL_MAX_SUBNET_COUNT
from runtime.pallets.subtensor.rpc_info.hyperparams import activity_cutoff_blocks
from runtime.pallets.subtensor.rpc_info.neurons import ZERO_AXON
from runtime.pallets.subtensor.rpc_info.subnet_state import subnet_state
from runtime.pallets.subtensor.rpc_info.subnets import all_subnet_netuids, dynamic_info
from runtime.primitives.externalities import Externalities

U16_MAX = 0xFFFF


def _pool(ext: Externalities, netuid: int) -> dict[str, Any]:
    """Identity, owner, tempo and pool fields (the dynamic info's, renamed)."""
    info = dynamic_info(ext, netuid)
    assert info is not None, "caller checked the subnet exists"
    renamed = {"subnet_name": "name", "token_symbol": "symbol",
               "subnet_identity": "identity", "emission": "subnet_emission"}
    out = {renamed.get(key, key): value for key, value in info.items()}
    out["block"] = int(system.Number.get(ext))
    return out


def _hyperparams(ext: Externalities, netuid: int) -> dict[str, Any]:
    """The epoch, validator, registration, commit-reveal and bonds parameters."""
    alpha_low, alpha_high = st.AlphaValues.get(ext, netuid)
    keyed = {
        "rho": st.Rho, "kappa": st.Kappa, "min_allowed_weights": st.MinAllowedWeights,
        "weights_version": st.WeightsVersionKey, "weights_rate_limit": st.WeightsSetRateLimit,
        "max_validators": st.MaxAllowedValidators, "num_uids": st.SubnetworkN,
        "max_uids": st.MaxAllowedUids, "burn": st.Burn, "difficulty": st.Difficulty,
        "immunity_period": st.ImmunityPeriod, "min_difficulty": st.MinDifficulty,
        "max_difficulty": st.MaxDifficulty, "min_burn": st.MinBurn, "max_burn": st.MaxBurn,
        "adjustment_alpha": st.AdjustmentAlpha, "adjustment_interval": st.AdjustmentInterval,
        "target_regs_per_interval": st.TargetRegistrationsPerInterval,
        "max_regs_per_block": st.MaxRegistrationsPerBlock,
        "serving_rate_limit": st.ServingRateLimit, "commit_reveal_period": st.RevealPeriodEpochs,
        "bonds_moving_avg": st.BondsMovingAverage,
    }
    flags = {
        "registration_allowed": st.NetworkRegistrationAllowed,
        "pow_registration_allowed": st.NetworkPowRegistrationAllowed,
        "commit_reveal_weights_enabled": st.CommitRevealWeightsEnabled,
        "liquid_alpha_enabled": st.LiquidAlphaOn,
    }
    out: dict[str, Any] = {name: int(item.get(ext, netuid)) for name, item in keyed.items()}
    out |= {name: bool(item.get(ext, netuid)) for name, item in flags.items()}
    return out | {"max_weights_limit": U16_MAX,
                  "activity_cutoff": activity_cutoff_blocks(ext, netuid),
                  "alpha_high": int(alpha_high), "alpha_low": int(alpha_low)}


def _uids(ext: Externalities, netuid: int) -> dict[str, Any]:
    """Per-uid vectors, stakes, identities, axons and dividends."""
    state = subnet_state(ext, netuid)
    assert state is not None, "caller checked the subnet exists"
    del state["netuid"], state["emission_history"]
    hotkeys = state["hotkeys"]
    axons = [st.Axons.get(ext, netuid, hotkey) for hotkey in hotkeys]
    return state | {
        "identities": [st.IdentitiesV2.get(ext, coldkey) for coldkey in state["coldkeys"]],
        "axons": [ZERO_AXON if axon is None else axon for axon in axons],
        "tao_dividends_per_hotkey": [(hotkey, 0) for hotkey in hotkeys],
        "alpha_dividends_per_hotkey": [
            (hotkey, int(st.AlphaDividendsPerSubnet.get(ext, netuid, hotkey)))
            for hotkey in hotkeys],
    }


def metagraph(ext: Externalities, netuid: int) -> dict[str, Any] | None:
    """``get_metagraph``: None when the subnet does not exist."""
    if not st.NetworksAdded.get(ext, netuid):
        return None
    return _pool(ext, netuid) | _hyperparams(ext, netuid) | _uids(ext, netuid)


def all_metagraphs(ext: Externalities) -> list[dict[str, Any] | None]:
    """``get_all_metagraphs``: ``get_metagraph`` of every ``NetworksAdded`` key."""
    return [metagraph(ext, netuid) for netuid in all_subnet_netuids(ext)]


def mechanism_storage_index(netuid: int, mecid: int) -> int:
    """``get_mechanism_storage_index``: mecid × 4096 + netuid, saturating at u16::MAX."""
    return min(min(mecid * GLOBAL_MAX_SUBNET_COUNT, U16_MAX) + netuid, U16_MAX)


def mechagraph(ext: Externalities, netuid: int, mecid: int) -> dict[str, Any] | None:
    """``get_mechagraph``: the metagraph with ``netuid`` replaced by the mechanism's storage
    index (as the reference does) and LastUpdate/Incentive read at that index; None unless the
    subnet exists and ``mecid < MechanismCountCurrent``."""
    if not st.NetworksAdded.get(ext, netuid):
        return None
    if int(st.MechanismCountCurrent.get(ext, netuid)) <= mecid:
        return None
    graph = metagraph(ext, netuid)
    assert graph is not None, "the subnet exists"
    index = mechanism_storage_index(netuid, mecid)
    return graph | {"netuid": index, "last_update": list(st.LastUpdate.get(ext, index)),
                    "incentives": list(st.Incentive.get(ext, index))}


def all_mechagraphs(ext: Externalities) -> list[dict[str, Any] | None]:
    """``get_all_mechagraphs``: every mechanism of every ``NetworksAdded`` key."""
    return [mechagraph(ext, netuid, mecid) for netuid in all_subnet_netuids(ext)
            for mecid in range(int(st.MechanismCountCurrent.get(ext, netuid)))]
