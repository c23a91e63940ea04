"""Swap pallet (index 28) declarations: storage defaults, hashers, event, errors, constants."""

from __future__ import annotations

from runtime.pallets.swap import pallet as swap_pallet
from runtime.pallets.swap.pallet import swap
from runtime.primitives.hashing import StorageHasher, twox64
from tests.unit.frame.helpers import empty_state


def test_swap_pallet_has_index_28_and_five_storage_items() -> None:
    assert (swap.name, swap.index) == ("Swap", 28)
    assert [item.name for item in swap.storage] == [
        "FeeRate", "SwapBalancer", "PalSwapInitialized", "HasMigrationRun",
        "ScrapReservoirAlpha"]


def test_fee_rate_defaults_to_33_and_is_keyed_twox64_concat_netuid() -> None:
    assert swap_pallet.FeeRate.default == 33
    assert [k.hasher for k in swap_pallet.FeeRate.keys] == [StorageHasher.Twox64Concat]
    key = swap_pallet.FeeRate.storage_key(1)
    assert key[32:] == twox64(b"\x01\x00") + b"\x01\x00"


def test_balancer_defaults_to_half_quote_weight() -> None:
    ext = empty_state()
    assert swap_pallet.SwapBalancer.default_bytes == (5 * 10**17).to_bytes(8, "little")
    swap_pallet.SwapBalancer.insert(ext, 3, {"quote": 10**16})
    assert swap_pallet.SwapBalancer.get(ext, 3).quote == 10**16


def test_errors_are_dense_and_constants_encode() -> None:
    assert sorted(swap.errors) == list(range(13))
    assert swap.errors[12].name == "Deprecated"
    constants = {c.name: c.encoded for c in swap.constants}
    assert constants == {
        "ProtocolId": b"ten/swap",
        "MaxFeeRate": (10_000).to_bytes(2, "little"),
        "MinimumLiquidity": (1_000).to_bytes(8, "little"),
        "MinimumReserve": (1_000_000).to_bytes(8, "little"),
    }
    assert swap_pallet.FeeRateSet(1, 50).encoded == bytes((28, 0, 1, 0, 50, 0))
