"""SubtensorModule declarations: counts, indices, hashers, types, defaults, constants, calls."""

from __future__ import annotations

import pytest

import runtime.pallets.subtensor  # noqa: F401 - loads every declaration
from runtime.frame.storage import OPTION_QUERY, VALUE_QUERY
from runtime.pallets.subtensor import errors, events, hyperparameters, storage
from runtime.pallets.subtensor.constants import DECLARED
from runtime.pallets.subtensor.pallet import CALL_INDICES, subtensor
from runtime.pallets.subtensor.storage import STORAGE_ORDER
from runtime.primitives.fixed import I96F32, U64F64
from runtime.primitives.hashing import StorageHasher

B2 = StorageHasher.Blake2_128Concat
ID = StorageHasher.Identity
T64 = StorageHasher.Twox64Concat
ITEMS = {item.name: item for item in subtensor.storage}


def test_pallet_is_subtensor_module_at_index_7() -> None:
    assert (subtensor.name, subtensor.index) == ("SubtensorModule", 7)


def test_every_reference_storage_item_is_declared_once_in_reference_order() -> None:
    assert len(subtensor.storage) == len(ITEMS) == 222
    assert [item.name for item in subtensor.storage] == list(STORAGE_ORDER)


@pytest.mark.parametrize(("name", "hashers", "query"), [
    ("Tempo", [ID], VALUE_QUERY),
    ("Uids", [ID, B2], OPTION_QUERY),
    ("Keys", [ID, ID], VALUE_QUERY),
    ("Weights", [ID, ID], VALUE_QUERY),
    ("Bonds", [ID, ID], VALUE_QUERY),
    ("Alpha", [B2, B2, ID], VALUE_QUERY),
    ("AlphaV2", [B2, B2, ID], VALUE_QUERY),
    ("TotalHotkeyAlpha", [B2, ID], VALUE_QUERY),
    ("ChildKeys", [B2, ID], VALUE_QUERY),
    ("PendingChildKeys", [ID, B2], VALUE_QUERY),
    ("Axons", [ID, B2], OPTION_QUERY),
    ("WeightCommits", [T64, T64], OPTION_QUERY),
    ("TimelockedWeightCommits", [T64, T64], VALUE_QUERY),
    ("LiquidAlphaOn", [B2], VALUE_QUERY),
    ("Yuma3On", [B2], VALUE_QUERY),
    ("MechanismCountCurrent", [T64], VALUE_QUERY),
    ("RootClaimed", [ID, B2, B2], VALUE_QUERY),
    ("Lock", [B2, ID, B2], OPTION_QUERY),
    ("TransactionKeyLastBlock", [B2, ID, ID], VALUE_QUERY),
    ("LastTxBlock", [ID], VALUE_QUERY),
    ("ColdkeySwapAnnouncements", [T64], OPTION_QUERY),
    ("IdentitiesV2", [B2], OPTION_QUERY),
    ("SubnetIdentitiesV3", [B2], OPTION_QUERY),
    ("TotalIssuance", [], VALUE_QUERY),
])
def test_hashers_and_query_kind_follow_the_reference(name: str, hashers: list, query: str) -> None:
    item = ITEMS[name]
    assert [part.hasher for part in item.keys] == hashers
    assert item.query == query


@pytest.mark.parametrize("item", list(ITEMS.values()), ids=lambda item: item.name)
def test_every_default_encodes_and_decodes_back(item) -> None:
    if item.query == OPTION_QUERY:
        assert item.default is None
        return
    decoded = item.value_type.decode(item.default_bytes)
    assert item.value_type.encode(decoded) == item.default_bytes


@pytest.mark.parametrize(("name", "value"), [
    ("Tempo", 360), ("Kappa", 32_767), ("Rho", 10), ("ImmunityPeriod", 4096),
    ("MaxAllowedUids", 256), ("MinAllowedUids", 64), ("MaxAllowedValidators", 128),
    ("MinAllowedWeights", 1024), ("MaxWeightsLimit", 65_535),
    ("ActivityCutoffFactorMilli", 13_889), ("ActivityCutoff", 5000),
    ("BondsMovingAverage", 900_000), ("BondsPenalty", 65_535), ("BondsResetOn", False),
    ("Yuma3On", False), ("LiquidAlphaOn", False), ("AlphaValues", (45_875, 58_982)),
    ("AlphaSigmoidSteepness", 1000), ("WeightsSetRateLimit", 100), ("WeightsVersionKey", 0),
    ("CommitRevealWeightsEnabled", True), ("RevealPeriodEpochs", 1), ("Burn", 100_000_000),
    ("MinBurn", 500_000), ("MaxBurn", 100_000_000_000), ("BurnHalfLife", 360),
    ("NetworkRegistrationAllowed", True), ("ServingRateLimit", 50),
    ("TargetRegistrationsPerInterval", 2), ("AdjustmentInterval", 100),
    ("MaxRegistrationsPerBlock", 1), ("Difficulty", 10_000_000), ("MinNonImmuneUids", 10),
    ("ImmuneOwnerUidsLimit", 1), ("MechanismCountCurrent", 1), ("MaxMechanismCount", 2),
    ("OwnerCutEnabled", True), ("EMAPriceHalvingBlocks", 201_600),
    ("SubnetOwnerCut", 11_796), ("MaxDelegateTake", 11_796), ("MinDelegateTake", 0),
    ("Delegates", 11_796), ("MaxChildkeyTake", 11_796), ("MinChildkeyTake", 0),
    ("TaoWeight", 971_718_665_099_567_868), ("StakeThreshold", 0), ("SubnetLimit", 128),
    ("NetworkImmunityPeriod", 1_296_000), ("NetworkMinLockCost", 1_000_000_000_000),
    ("NetworkRateLimit", 7200), ("MaxEpochsPerBlock", 2), ("AdminFreezeWindow", 10),
    ("TxRateLimit", 1000), ("TxDelegateTakeRateLimit", 216_000),
    ("TxChildkeyTakeRateLimit", 216_000), ("PendingChildKeyCooldown", 7200),
    ("SubnetEmissionEnabled", True), ("TokenSymbol", "\U0001d70f".encode()),
    ("Owner", bytes(32)), ("Keys", bytes(32)), ("Weights", []), ("TotalIssuance", 0),
])
def test_storage_defaults_equal_the_runtime_values(name: str, value) -> None:
    item = ITEMS[name]
    assert item.default == value
    assert item.value_type.decode(item.default_bytes) == value


def test_fixed_point_defaults_have_the_exact_reference_bits() -> None:
    assert ITEMS["SubnetMovingAlpha"].default == I96F32.from_bits(12_885)
    assert ITEMS["BurnIncreaseMult"].default.bits == int(1.26 * 2**64)
    assert ITEMS["RootClaimableThreshold"].default == I96F32.from_num(500_000)
    assert ITEMS["FlowNormExponent"].default == U64F64.ONE
    assert ITEMS["SubnetMovingAlpha"].default_bytes == (12_885).to_bytes(16, "little")


def test_new_subnet_table_overrides_runtime_defaults_as_spec_7_1() -> None:
    table = hyperparameters.NEW_SUBNET_HYPERPARAMETERS
    assert table["ImmunityPeriod"] == 5000
    assert table["MaxAllowedValidators"] == 64
    assert table["MinAllowedWeights"] == 1
    assert table["Yuma3On"] is True
    assert table["Burn"] == 1_000_000_000
    assert table["SubnetEmissionEnabled"] is False
    for name in table:
        assert name in ITEMS, name


def test_event_and_error_indices_are_dense_from_zero() -> None:
    assert sorted(subtensor.events) == list(range(137))
    assert sorted(subtensor.errors) == list(range(147))
    assert len({e.name for e in subtensor.events.values()}) == 137
    assert len({e.name for e in subtensor.errors.values()}) == 147


@pytest.mark.parametrize(("error", "index"), [
    (errors.RootNetworkDoesNotExist, 0), (errors.HotKeyNotRegisteredInSubNet, 4),
    (errors.NotEnoughBalanceToStake, 12), (errors.SettingWeightsTooFast, 29),
    (errors.SubnetNotExists, 76), (errors.AmountTooLow, 82),
])
def test_error_indices_follow_the_reference(error, index: int) -> None:
    assert error.index == index
    assert error().to_scale() is not None


def test_stake_added_event_encodes_with_pallet_and_event_index() -> None:
    event = events.StakeAdded(b"\x01" * 32, b"\x02" * 32, 5, 7, 3, 9)
    assert event.encoded[:2] == bytes((7, 2))
    assert event.encoded[2:] == (b"\x01" * 32 + b"\x02" * 32 + (5).to_bytes(8, "little")
                                 + (7).to_bytes(8, "little") + (3).to_bytes(2, "little")
                                 + (9).to_bytes(8, "little"))
    assert [f.name for f in events.HotkeySwapped.fields] == ["coldkey", "old_hotkey",
                                                            "new_hotkey"]


def test_constants_are_declared_in_order_with_runtime_values() -> None:
    assert len(subtensor.constants) == 69
    assert subtensor.constants[0].name == "InitialIssuance"
    assert subtensor.constants[-1].name == "InitialMaxEpochsPerBlock"
    assert DECLARED["InitialStartCallDelay"].encoded == bytes(8)
    assert DECLARED["KeySwapCost"].encoded == (100_000_000).to_bytes(8, "little")
    assert DECLARED["InitialTempo"].encoded == (360).to_bytes(2, "little")
    assert DECLARED["SubtensorPalletId"].encoded == b"subtensr"
    assert DECLARED["InitialColdkeySwapAnnouncementDelay"].encoded == (36_000).to_bytes(4,
                                                                                       "little")


SPEC_6_1 = {
    "set_weights": 0, "set_mechanism_weights": 119, "batch_set_weights": 80,
    "commit_weights": 96, "reveal_weights": 97, "commit_timelocked_weights": 113,
    "add_stake": 2, "remove_stake": 3, "add_stake_limit": 88, "remove_stake_limit": 89,
    "remove_stake_full_limit": 103, "unstake_all": 83, "unstake_all_alpha": 84,
    "move_stake": 85, "transfer_stake": 86, "swap_stake": 87, "swap_stake_limit": 90,
    "burned_register": 7, "register": 6, "register_limit": 134, "root_register": 62,
    "register_network": 59, "register_network_with_identity": 79, "start_call": 92,
    "serve_axon": 4, "serve_axon_tls": 40, "serve_prometheus": 5, "set_children": 67,
    "set_childkey_take": 75, "decrease_take": 65, "increase_take": 66, "swap_hotkey": 70,
    "swap_hotkey_v2": 72, "announce_coldkey_swap": 125, "swap_coldkey_announced": 126,
    "set_identity": 68, "set_subnet_identity": 78, "claim_root": 121,
    "set_root_claim_type": 122, "recycle_alpha": 101, "burn_alpha": 102,
    "set_coldkey_auto_stake_hotkey": 114, "set_tempo": 139, "set_activity_cutoff_factor": 140,
    "trigger_epoch": 141, "lock_stake": 136, "move_lock": 137, "set_perpetual_lock": 138,
    "dissolve_network": 61, "root_dissolve_network": 120,
}


def test_call_indices_contain_the_spec_table_and_are_unique() -> None:
    for name, index in SPEC_6_1.items():
        assert CALL_INDICES[name] == index, name
    assert len(set(CALL_INDICES.values())) == len(CALL_INDICES) == 80


def test_storage_package_reexports_every_item() -> None:
    for name in STORAGE_ORDER:
        assert getattr(storage, name) is ITEMS[name]
