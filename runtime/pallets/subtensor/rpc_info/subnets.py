"""``SubnetInfoRuntimeApi`` (dynamic info, subnet info v2) and
``SubnetRegistrationRuntimeApi``.

Reference (subtensor 14bc6f9): ``rpc_info/dynamic_info.rs``, ``rpc_info/subnet_info.rs`` and the
runtime's ``get_network_registration_cost`` (``get_network_lock_cost``). Every value is read
from storage with its default; ``emission``, ``pending_root_emission``, ``network_modality``
and ``emission_value`` are deprecated and always 0, ``network_connect`` is always empty and
``max_weights_limit`` is the constant ``u16::MAX``.
"""

from __future__ import annotations

from typing import Any

from runtime.frame import system
from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.registration.accounts import subnet_account_id
from runtime.pallets.subtensor.registration.network import network_lock_cost, network_to_prune
from runtime.pallets.subtensor.rpc_info.names import name_for_subnet
from runtime.primitives.externalities import Externalities

U16_MAX = 0xFFFF


def subnet_exists(ext: Externalities, netuid: int) -> bool:
    """``if_subnet_exist``: ``NetworksAdded[netuid]``."""
    return bool(st.NetworksAdded.get(ext, netuid))


def all_subnet_netuids(ext: Externalities) -> list[int]:
    """``get_all_subnet_netuids``: every ``NetworksAdded`` key, in storage-key order."""
    return [int(netuid) for (netuid,) in st.NetworksAdded.iter_keys(ext)]


def dynamic_info(ext: Externalities, netuid: int) -> dict[str, Any] | None:
    """``get_dynamic_info``: a subnet's pool, emission and identity, None when absent."""
    if not subnet_exists(ext, netuid):
        return None
    last_step = int(st.LastMechansimStepBlock.get(ext, netuid))
    now = int(system.Number.get(ext))
    pending = (int(st.PendingValidatorEmission.get(ext, netuid))
               + int(st.PendingServerEmission.get(ext, netuid)))
    return {
        "netuid": netuid, "owner_hotkey": bytes(st.SubnetOwnerHotkey.get(ext, netuid)),
        "owner_coldkey": bytes(st.SubnetOwner.get(ext, netuid)),
        "subnet_name": list(name_for_subnet(ext, netuid)),
        "token_symbol": list(bytes(st.TokenSymbol.get(ext, netuid))),
        "tempo": int(st.Tempo.get(ext, netuid)), "last_step": last_step,
        "blocks_since_last_step": max(now - last_step, 0), "emission": 0,
        "alpha_in": int(st.SubnetAlphaIn.get(ext, netuid)),
        "alpha_out": int(st.SubnetAlphaOut.get(ext, netuid)),
        "tao_in": int(st.SubnetTAO.get(ext, netuid)),
        "alpha_out_emission": int(st.SubnetAlphaOutEmission.get(ext, netuid)),
        "alpha_in_emission": int(st.SubnetAlphaInEmission.get(ext, netuid)),
        "tao_in_emission": int(st.SubnetTaoInEmission.get(ext, netuid)),
        "pending_alpha_emission": min(pending, (1 << 64) - 1),
        "pending_root_emission": 0,
        "subnet_volume": int(st.SubnetVolume.get(ext, netuid)),
        "network_registered_at": int(st.NetworkRegisteredAt.get(ext, netuid)),
        "subnet_identity": st.SubnetIdentitiesV3.get(ext, netuid),
        "moving_price": st.SubnetMovingPrice.get(ext, netuid),
    }


def all_dynamic_info(ext: Externalities) -> list[dict[str, Any] | None]:
    """``get_all_dynamic_info``: ``get_dynamic_info`` of every ``NetworksAdded`` key."""
    return [dynamic_info(ext, netuid) for netuid in all_subnet_netuids(ext)]


def subnet_info_v2(ext: Externalities, netuid: int) -> dict[str, Any] | None:
    """``get_subnet_info_v2``: a subnet's main hyperparameters, owner and identity."""
    if not subnet_exists(ext, netuid):
        return None
    return {
        "netuid": netuid, "rho": int(st.Rho.get(ext, netuid)),
        "kappa": int(st.Kappa.get(ext, netuid)),
        "difficulty": int(st.Difficulty.get(ext, netuid)),
        "immunity_period": int(st.ImmunityPeriod.get(ext, netuid)),
        "max_allowed_validators": int(st.MaxAllowedValidators.get(ext, netuid)),
        "min_allowed_weights": int(st.MinAllowedWeights.get(ext, netuid)),
        "max_weights_limit": U16_MAX,
        "scaling_law_power": int(st.ScalingLawPower.get(ext, netuid)),
        "subnetwork_n": int(st.SubnetworkN.get(ext, netuid)),
        "max_allowed_uids": int(st.MaxAllowedUids.get(ext, netuid)),
        "blocks_since_last_step": int(st.BlocksSinceLastStep.get(ext, netuid)),
        "tempo": int(st.Tempo.get(ext, netuid)), "network_modality": 0,
        "network_connect": [], "emission_value": 0, "burn": int(st.Burn.get(ext, netuid)),
        "owner": bytes(st.SubnetOwner.get(ext, netuid)),
        "identity": st.SubnetIdentitiesV3.get(ext, netuid),
    }


def subnets_info_v2(ext: Externalities) -> list[dict[str, Any] | None]:
    """``get_subnets_info_v2``: ``get_subnet_info_v2`` of every added subnet, by netuid."""
    return [subnet_info_v2(ext, netuid) for netuid in _added_by_netuid(ext)]


def _added_by_netuid(ext: Externalities) -> list[int]:
    """Netuids with ``NetworksAdded = true``, ascending."""
    return sorted(int(netuid) for (netuid,), flag in st.NetworksAdded.iter(ext) if flag)


def subnet_info(ext: Externalities, netuid: int) -> dict[str, Any] | None:
    """``get_subnet_info``: v2 without the identity, ``emission_value`` named
    ``emission_values``."""
    info = subnet_info_v2(ext, netuid)
    if info is None:
        return None
    info["emission_values"] = info.pop("emission_value")
    del info["identity"]
    return info


def subnets_info(ext: Externalities) -> list[dict[str, Any] | None]:
    """``get_subnets_info``: ``get_subnet_info`` of every added subnet, by netuid."""
    return [subnet_info(ext, netuid) for netuid in _added_by_netuid(ext)]


def next_epoch_start_block(ext: Externalities, netuid: int) -> int | None:
    """``get_next_epoch_start_block``: None at tempo 0, else ``LastEpochBlock + Tempo``
    (saturating), or ``PendingEpochAt`` when one is pending and earlier."""
    tempo = int(st.Tempo.get(ext, netuid))
    if tempo == 0:
        return None
    auto_next = min(int(st.LastEpochBlock.get(ext, netuid)) + tempo, (1 << 64) - 1)
    pending = int(st.PendingEpochAt.get(ext, netuid))
    return min(auto_next, pending) if pending > 0 else auto_next


def subnet_to_prune(ext: Externalities) -> int | None:
    """``get_subnet_to_prune``: ``get_network_to_prune``."""
    return network_to_prune(ext)


def coldkey_auto_stake_hotkey(ext: Externalities, coldkey: bytes, netuid: int) -> bytes | None:
    """``get_coldkey_auto_stake_hotkey``: ``AutoStakeDestination[coldkey, netuid]``."""
    hotkey = st.AutoStakeDestination.get(ext, coldkey, netuid)
    return None if hotkey is None else bytes(hotkey)


def subnet_account(ext: Externalities, netuid: int) -> bytes | None:
    """``get_subnet_account_id``: the subnet's pallet account, None for a missing subnet."""
    return subnet_account_id(ext, netuid)


def network_registration_cost(ext: Externalities) -> int:
    """``get_network_registration_cost``: the current network lock cost."""
    return network_lock_cost(ext)
