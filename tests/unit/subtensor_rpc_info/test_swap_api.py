"""SwapRuntimeApi: prices and simulated swaps computed from the stored pool, decoded by the
client codec through the runtime's V15 metadata and compared with the pure swap math."""

from __future__ import annotations

from typing import Any

from runtime.pallets.subtensor import storage as st
from runtime.pallets.swap import pallet as swap_pallet
from runtime.pallets.swap_math import (
    MAX_PRICE_RAO,
    MIN_PRICE_RAO,
    PoolState,
    current_price,
    limit_price_from_rao,
    swap_alpha_for_tao,
    swap_tao_for_alpha,
)
from runtime.pallets.swap_math.balancer import HALF_WEIGHT
from storage.overlay import Overlay
from tests.unit.runtime.test_apis_support import NODE
from tests.unit.subtensor_rpc_info.support import NETUID, query, subnet_state

TAO_IN = 5 * 10**11
ALPHA_IN = 10**12
QUOTE_WEIGHT = 600_000_000_000_000_000  # 0.6
FEE_RATE = 300
ONE_TAO = 10**9
ABSENT = 9
PRICE = "SwapRuntimeApi_current_alpha_price"
BUY = "SwapRuntimeApi_sim_swap_tao_for_alpha"
SELL = "SwapRuntimeApi_sim_swap_alpha_for_tao"


def _dynamic_state(initialized: bool = True) -> Overlay:
    ext = subnet_state()
    st.SubnetMechanism.insert(ext, NETUID, 1)
    swap_pallet.SwapBalancer.insert(ext, NETUID, {"quote": QUOTE_WEIGHT})
    swap_pallet.PalSwapInitialized.insert(ext, NETUID, initialized)
    swap_pallet.FeeRate.insert(ext, NETUID, FEE_RATE)
    return ext


def _rao(bits: int) -> int:
    return (bits * ONE_TAO) >> 64


def _zero() -> dict[str, int]:
    return {"tao_amount": 0, "alpha_amount": 0, "tao_fee": 0, "alpha_fee": 0,
            "tao_slippage": 0, "alpha_slippage": 0}


def test_api_is_declared_with_reference_version_and_names() -> None:
    api = next(a for a in NODE.apis if a.name == "SwapRuntimeApi")
    assert api.version == 1
    methods = {m.name: [name for name, _ in m.inputs] for m in api.metadata.methods}
    assert methods == {"current_alpha_price": ["netuid"], "current_alpha_price_all": [],
                       "sim_swap_tao_for_alpha": ["netuid", "tao"],
                       "sim_swap_alpha_for_tao": ["netuid", "alpha"]}


def test_dynamic_price_is_the_pool_spot_price_in_rao() -> None:
    ext = _dynamic_state()
    pool = PoolState(TAO_IN, ALPHA_IN, QUOTE_WEIGHT, FEE_RATE)
    expected = _rao(current_price(pool).bits)
    assert query(ext, PRICE, netuid=NETUID) == expected
    assert 333_000_000 < expected < 334_000_000  # (0.4 / 0.6) × (0.5e12 / 1e12) = 0.333…
    prices = query(ext, "SwapRuntimeApi_current_alpha_price_all")
    assert {"netuid": NETUID, "price": expected} in prices
    assert {p["netuid"] for p in prices} == {n for (n,) in st.NetworksAdded.iter_keys(ext)}


def test_root_stable_and_absent_subnets_price_one() -> None:
    ext = subnet_state()
    assert query(ext, PRICE, netuid=0) == ONE_TAO
    assert query(ext, PRICE, netuid=NETUID) == ONE_TAO  # mechanism 0: stable
    assert query(ext, PRICE, netuid=ABSENT) == ONE_TAO
    assert all(p["price"] == ONE_TAO for p in query(ext, "SwapRuntimeApi_current_alpha_price_all"))


def test_sim_buy_matches_pure_math() -> None:
    ext = _dynamic_state()
    pool = PoolState(TAO_IN, ALPHA_IN, QUOTE_WEIGHT, FEE_RATE)
    tao = 7 * 10**10
    sr = swap_tao_for_alpha(pool, tao, limit_price_from_rao(MAX_PRICE_RAO), simulate=True)
    spot_alpha = ((tao << 128) // current_price(pool).bits) >> 64
    assert query(ext, BUY, netuid=NETUID, tao=tao) == {
        "tao_amount": sr.amount_paid_in, "alpha_amount": sr.amount_paid_out,
        "tao_fee": sr.fee_paid, "alpha_fee": 0, "tao_slippage": 0,
        "alpha_slippage": spot_alpha - sr.amount_paid_out}
    assert sr.fee_paid > 0 and spot_alpha > sr.amount_paid_out > 0


def test_sim_sell_matches_pure_math() -> None:
    ext = _dynamic_state()
    pool = PoolState(TAO_IN, ALPHA_IN, QUOTE_WEIGHT, FEE_RATE)
    alpha = 3 * 10**11
    sr = swap_alpha_for_tao(pool, alpha, limit_price_from_rao(MIN_PRICE_RAO), simulate=True)
    spot_tao = (alpha * current_price(pool).bits) >> 64
    assert query(ext, SELL, netuid=NETUID, alpha=alpha) == {
        "tao_amount": sr.amount_paid_out, "alpha_amount": sr.amount_paid_in,
        "tao_fee": 0, "alpha_fee": sr.fee_paid,
        "tao_slippage": spot_tao - sr.amount_paid_out, "alpha_slippage": 0}
    assert sr.fee_paid > 0 and spot_tao > sr.amount_paid_out > 0


def test_uninitialised_pool_swaps_at_half_weight_but_prices_with_stored_weight() -> None:
    ext = _dynamic_state(initialized=False)
    stored = PoolState(TAO_IN, ALPHA_IN, QUOTE_WEIGHT, FEE_RATE)
    fresh = PoolState(TAO_IN, ALPHA_IN, HALF_WEIGHT, FEE_RATE)
    tao = 10**10
    sr = swap_tao_for_alpha(fresh, tao, limit_price_from_rao(MAX_PRICE_RAO), simulate=True)
    result: dict[str, Any] = query(ext, BUY, netuid=NETUID, tao=tao)
    assert result["alpha_amount"] == sr.amount_paid_out
    assert query(ext, PRICE, netuid=NETUID) == _rao(current_price(stored).bits)
    assert not swap_pallet.PalSwapInitialized.get(ext, NETUID)  # nothing written


def test_refused_swap_gives_all_zero() -> None:
    ext = _dynamic_state()
    st.SubnetAlphaIn.insert(ext, NETUID, 999_999)  # below the minimum reserve
    assert query(ext, BUY, netuid=NETUID, tao=10**9) == _zero()
    st.SubnetAlphaIn.insert(ext, NETUID, ALPHA_IN)
    too_large = TAO_IN * 1000 * 2
    assert query(ext, BUY, netuid=NETUID, tao=too_large) == _zero()


def test_stable_subnet_swaps_one_to_one() -> None:
    ext = subnet_state()
    amount = 123_456_789
    assert query(ext, BUY, netuid=NETUID, tao=amount) == {
        **_zero(), "tao_amount": amount, "alpha_amount": amount}
    st.NetworksAdded.insert(ext, 0, True)  # root, as on a live chain
    assert query(ext, SELL, netuid=0, alpha=amount) == {
        **_zero(), "tao_amount": amount, "alpha_amount": amount}


def test_absent_subnet_swaps_nothing_and_reports_full_slippage() -> None:
    ext = subnet_state()
    assert query(ext, BUY, netuid=ABSENT, tao=500) == {**_zero(), "alpha_slippage": 500}
    assert query(ext, SELL, netuid=ABSENT, alpha=700) == {**_zero(), "tao_slippage": 700}
