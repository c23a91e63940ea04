"""SubtensorModule storage keys and values against published real-chain data (hashing.json)."""

from __future__ import annotations

import pytest

import runtime.pallets.subtensor  # noqa: F401 - loads every declaration
from runtime.pallets.subtensor import storage
from runtime.pallets.subtensor.pallet import subtensor
from runtime.primitives.hashing import StorageHasher
from tests.shared_vectors import load
from tests.unit.frame.helpers import empty_state

VECTORS = load("hashing")
ITEMS = {item.name: item for item in subtensor.storage}


def _real(description_start: str) -> dict:
    (entry,) = [e for e in VECTORS["storage_keys_real_chain"]
                if e["description"].startswith(description_start)]
    return entry


@pytest.mark.parametrize("entry", [e for e in VECTORS["storage_prefixes"]
                                   if e["pallet"] == "SubtensorModule" and e["item"]],
                         ids=lambda e: e["item"])
def test_storage_prefix_matches_published(entry: dict) -> None:
    assert "0x" + ITEMS[entry["item"]].prefix.hex() == entry["key"]


def test_tempo_key_and_value_decode_to_1000() -> None:
    entry = _real("SubtensorModule.Tempo(netuid=23)")
    assert "0x" + storage.Tempo.storage_key(23).hex() == entry["key"]
    assert storage.Tempo.value_type.decode(bytes.fromhex(entry["value"][2:])) == 1000


def test_networks_added_key_and_value_decode_to_true() -> None:
    entry = _real("SubtensorModule.NetworksAdded(netuid=1)")
    assert "0x" + storage.NetworksAdded.storage_key(1).hex() == entry["key"]
    assert storage.NetworksAdded.value_type.decode(bytes.fromhex(entry["value"][2:])) is True


def test_total_networks_value_decodes_to_247() -> None:
    entry = _real("SubtensorModule.TotalNetworks")
    assert "0x" + storage.TotalNetworks.storage_key().hex() == entry["key"]
    assert storage.TotalNetworks.value_type.decode(bytes.fromhex(entry["value"][2:])) == 247


def test_uids_key_rebuilds_from_netuid_and_hotkey_and_value_decodes_to_29() -> None:
    entry = _real("SubtensorModule.Uids(netuid=14")
    raw = bytes.fromhex(entry["key"][2:])
    hotkey = raw[-32:]
    assert storage.Uids.storage_key(14, hotkey) == raw
    assert storage.Uids.value_type.decode(bytes.fromhex(entry["value"][2:])) == 29


def test_delegates_value_decodes_to_default_take_11796() -> None:
    entry = _real("SubtensorModule.Delegates(hotkey)")
    raw = bytes.fromhex(entry["key"][2:])
    assert storage.Delegates.storage_key(raw[-32:]) == raw
    assert storage.Delegates.value_type.decode(bytes.fromhex(entry["value"][2:])) == 11_796


def test_mechanism_count_key_uses_twox64_concat() -> None:
    entry = _real("SubtensorModule.MechanismCountCurrent(netuid=1)")
    assert "0x" + storage.MechanismCountCurrent.storage_key(1).hex() == entry["key"]


def test_uids_round_trip_through_state_and_iteration() -> None:
    ext = empty_state()
    hotkey = bytes(range(32))
    storage.Uids.insert(ext, 14, hotkey, 29)
    storage.Keys.insert(ext, 14, 29, hotkey)
    assert storage.Uids.get(ext, 14, hotkey) == 29
    assert list(storage.Uids.iter(ext, 14)) == [((hotkey,), 29)]
    assert list(storage.Keys.iter(ext, 14)) == [((29,), hotkey)]
    assert storage.Uids.get(ext, 15, hotkey) is None


def test_alpha_nmap_keys_are_hotkey_coldkey_netuid() -> None:
    hashers = [part.hasher for part in storage.AlphaV2.keys]
    assert hashers == [StorageHasher.Blake2_128Concat, StorageHasher.Blake2_128Concat,
                       StorageHasher.Identity]
    ext = empty_state()
    value = {"mantissa": 5, "exponent": -3}
    storage.AlphaV2.insert(ext, b"\x01" * 32, b"\x02" * 32, 3, value)
    (keys, stored), = storage.AlphaV2.iter(ext)
    assert keys == (b"\x01" * 32, b"\x02" * 32, 3)
    assert stored._asdict() == value
