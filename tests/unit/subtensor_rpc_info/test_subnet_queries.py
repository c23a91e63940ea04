"""The smaller SubnetInfoRuntimeApi queries: v1 subnet info, epoch start, pruning candidate,
auto-stake destination and subnet account, decoded through the runtime's V15 metadata."""

from __future__ import annotations

from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.registration.accounts import subnet_account_of
from runtime.pallets.subtensor.registration.network import network_to_prune
from tests.unit.subtensor_rpc_info.support import (
    COLDKEYS,
    HOTKEYS,
    NETUID,
    OWNER_COLD,
    query,
    subnet_state,
)


def test_get_subnet_info_has_v1_shape_without_identity() -> None:
    ext = subnet_state()
    info = query(ext, "SubnetInfoRuntimeApi_get_subnet_info", netuid=NETUID)
    assert "identity" not in info and info["emission_values"] == 0
    assert info["owner"] == "0x" + OWNER_COLD.hex() and info["burn"] == 123_456
    assert query(ext, "SubnetInfoRuntimeApi_get_subnets_info") == [info]
    assert query(ext, "SubnetInfoRuntimeApi_get_subnet_info", netuid=4) is None


def test_get_next_epoch_start_block_takes_earlier_pending_epoch() -> None:
    ext = subnet_state()
    st.LastEpochBlock.insert(ext, NETUID, 1000)
    method = "SubnetInfoRuntimeApi_get_next_epoch_start_block"
    assert query(ext, method, netuid=NETUID) == 1360
    st.PendingEpochAt.insert(ext, NETUID, 1200)
    assert query(ext, method, netuid=NETUID) == 1200
    st.PendingEpochAt.insert(ext, NETUID, 5000)
    assert query(ext, method, netuid=NETUID) == 1360
    st.Tempo.insert(ext, NETUID, 0)
    assert query(ext, method, netuid=NETUID) is None


def test_get_coldkey_auto_stake_hotkey_reads_destination() -> None:
    ext = subnet_state()
    method = "SubnetInfoRuntimeApi_get_coldkey_auto_stake_hotkey"
    coldkey = "0x" + COLDKEYS[1].hex()
    assert query(ext, method, coldkey=coldkey, netuid=NETUID) is None
    st.AutoStakeDestination.insert(ext, COLDKEYS[1], NETUID, HOTKEYS[2])
    assert query(ext, method, coldkey=coldkey, netuid=NETUID) == "0x" + HOTKEYS[2].hex()


def test_get_subnet_account_id_only_for_existing_subnets() -> None:
    ext = subnet_state()
    account = query(ext, "SubnetInfoRuntimeApi_get_subnet_account_id", netuid=NETUID)
    assert account == "0x" + subnet_account_of(NETUID).hex()
    assert query(ext, "SubnetInfoRuntimeApi_get_subnet_account_id", netuid=6) is None


def test_get_subnet_to_prune_is_network_to_prune() -> None:
    ext = subnet_state()
    st.NetworkImmunityPeriod.insert(ext, 0)
    assert query(ext, "SubnetInfoRuntimeApi_get_subnet_to_prune") == network_to_prune(ext)
    assert network_to_prune(ext) == NETUID
