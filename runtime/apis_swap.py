"""The Swap pallet's runtime API (``SwapRuntimeApi``): spot prices and simulated swaps.

Reference (subtensor 14bc6f9): ``pallets/swap/runtime-api/src/lib.rs`` (trait, version 1,
Rust parameter names, ``SimSwapResult`` and ``SubnetPrice``), the runtime's
``impl_runtime_apis!`` (``runtime/src/lib.rs``) and ``pallets/swap/src/pallet/impls.rs``
(``current_price``, ``sim_swap``, ``do_swap``). Everything is read from storage and computed
with the pure math of :mod:`runtime.pallets.swap_math`; nothing is written.

* Price: a dynamic subnet (``SubnetMechanism`` 1) prices its balancer pool with the stored
  ``SwapBalancer`` weight (0 when ``SubnetAlphaIn`` is 0); every other subnet, root and absent
  subnets included, has price 1. ``current_alpha_price`` is that price × 10^9, truncated.
* Simulation: a dynamic subnet runs the swap with the default limit (the maximum price to
  buy, the minimum to sell), fees charged, as the first real swap would (weight 0.5 while
  ``PalSwapInitialized`` is false); a refusal gives an all-zero result. Other subnets swap
  1:1 without fee when they exist (``NetworksAdded``), else for 0. The slippage is the shortfall
  against the spot price read before the swap.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from runtime.apis_subtensor import Handler, _handler
from runtime.metadata import RuntimeApiMetadata, RuntimeApiMethodMetadata
from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.rpc_info.subnets import all_subnet_netuids, subnet_exists
from runtime.pallets.subtensor.types import AlphaBalance, NetUid, TaoBalance
from runtime.pallets.swap import pallet as swap_pallet
from runtime.pallets.swap_math.balancer import HALF_WEIGHT, fixed_mul, fixed_safe_div
from runtime.pallets.swap_math.swap import (
    MAX_PRICE_RAO,
    MIN_PRICE_RAO,
    PoolState,
    SwapError,
    SwapResult,
    current_price,
    limit_price_from_rao,
    swap_alpha_for_tao,
    swap_tao_for_alpha,
)
from runtime.primitives.externalities import Externalities
from runtime.primitives.fixed import U64F64
from runtime.primitives.scale import U64, Struct, Vec

SWAP_API_VERSIONS = {"SwapRuntimeApi": 1}
"""The reference's version of the Swap pallet's API trait."""

DYNAMIC_MECHANISM = 1
U64_MAX = (1 << 64) - 1
ONE_TAO = 1_000_000_000

_API_CRATE = ("pallet_subtensor_swap_runtime_api",)

SimSwapResult = Struct("SimSwapResult", [
    ("tao_amount", TaoBalance, "TaoBalance"), ("alpha_amount", AlphaBalance, "AlphaBalance"),
    ("tao_fee", TaoBalance, "TaoBalance"), ("alpha_fee", AlphaBalance, "AlphaBalance"),
    ("tao_slippage", TaoBalance, "TaoBalance"),
    ("alpha_slippage", AlphaBalance, "AlphaBalance"),
], path=(*_API_CRATE, "SimSwapResult"))
"""A simulated swap: amounts in and out, the fee (on the input side) and the slippage."""

SubnetPrice = Struct("SubnetPrice", [("netuid", NetUid, "NetUid"), ("price", U64, "u64")],
                     path=(*_API_CRATE, "SubnetPrice"))
"""A subnet's alpha price in rao per alpha."""

_SIM_FIELDS = tuple(field.name for field in SimSwapResult.fields)


def _is_dynamic(ext: Externalities, netuid: int) -> bool:
    """``SubnetInfo::mechanism(netuid) == 1``: the subnet trades against a balancer pool."""
    return int(st.SubnetMechanism.get(ext, netuid)) == DYNAMIC_MECHANISM


def _stored_quote_weight(ext: Externalities, netuid: int) -> int:
    """``SwapBalancer[netuid].quote`` (0.5 by default)."""
    balancer = swap_pallet.SwapBalancer.get(ext, netuid)
    quote = balancer["quote"] if isinstance(balancer, dict) else balancer
    return int(quote if isinstance(quote, int) else quote[0])


def _pool(ext: Externalities, netuid: int, quote_weight: int) -> PoolState:
    """The subnet's pool: ``SubnetTAO``, ``SubnetAlphaIn``, ``quote_weight``, ``FeeRate``."""
    return PoolState(int(st.SubnetTAO.get(ext, netuid)), int(st.SubnetAlphaIn.get(ext, netuid)),
                     quote_weight, int(swap_pallet.FeeRate.get(ext, netuid)))


def alpha_price(ext: Externalities, netuid: int) -> U64F64:
    """The Swap pallet's ``current_price``: the pool's spot price, or 1 off dynamic subnets."""
    if not _is_dynamic(ext, netuid):
        return U64F64.from_num(1)
    return current_price(_pool(ext, netuid, _stored_quote_weight(ext, netuid)))


def current_alpha_price(ext: Externalities, netuid: int) -> int:
    """``current_alpha_price``: price × 10^9 (rao per alpha), saturated and truncated."""
    return min(fixed_mul(alpha_price(ext, netuid).bits, ONE_TAO << 64) >> 64, U64_MAX)


def current_alpha_price_all(ext: Externalities) -> list[dict[str, int]]:
    """``current_alpha_price_all``: a :data:`SubnetPrice` for every added subnet."""
    return [{"netuid": netuid, "price": current_alpha_price(ext, netuid)}
            for netuid in all_subnet_netuids(ext)]


def _sim_swap(ext: Externalities, netuid: int, amount: int,
              swap: Callable[..., SwapResult], limit_rao: int) -> SwapResult:
    """The Swap pallet's ``sim_swap``: a rolled-back swap, or a 1:1 trade off dynamic subnets.

    Raises :class:`SwapError` where the reference returns the swap's error.
    """
    if not _is_dynamic(ext, netuid):
        actual = amount if subnet_exists(ext, netuid) else 0
        return SwapResult(actual, actual, 0, 0)
    initialized = bool(swap_pallet.PalSwapInitialized.get(ext, netuid))
    weight = _stored_quote_weight(ext, netuid) if initialized else HALF_WEIGHT
    return swap(_pool(ext, netuid, weight), amount, limit_price_from_rao(limit_rao),
                simulate=True)


def sim_swap_tao_for_alpha(ext: Externalities, netuid: int, tao: int) -> dict[str, int]:
    """``sim_swap_tao_for_alpha``: buying alpha with ``tao``; all zero if the swap is refused."""
    price = alpha_price(ext, netuid)
    no_slippage_alpha = min(fixed_safe_div(tao << 64, price.bits) >> 64, U64_MAX)
    try:
        result = _sim_swap(ext, netuid, tao, swap_tao_for_alpha, MAX_PRICE_RAO)
    except SwapError:
        return dict.fromkeys(_SIM_FIELDS, 0)
    return {"tao_amount": result.amount_paid_in, "alpha_amount": result.amount_paid_out,
            "tao_fee": result.fee_paid, "alpha_fee": 0, "tao_slippage": 0,
            "alpha_slippage": max(no_slippage_alpha - result.amount_paid_out, 0)}


def sim_swap_alpha_for_tao(ext: Externalities, netuid: int, alpha: int) -> dict[str, int]:
    """``sim_swap_alpha_for_tao``: selling ``alpha`` for TAO; all zero if the swap is refused."""
    price = alpha_price(ext, netuid)
    no_slippage_tao = min(fixed_mul(alpha << 64, price.bits) >> 64, U64_MAX)
    try:
        result = _sim_swap(ext, netuid, alpha, swap_alpha_for_tao, MIN_PRICE_RAO)
    except SwapError:
        return dict.fromkeys(_SIM_FIELDS, 0)
    return {"tao_amount": result.amount_paid_out, "alpha_amount": result.amount_paid_in,
            "tao_fee": 0, "alpha_fee": result.fee_paid,
            "tao_slippage": max(no_slippage_tao - result.amount_paid_out, 0),
            "alpha_slippage": 0}


M = RuntimeApiMethodMetadata
_NETUID = (("netuid", NetUid),)

_SWAP_METHODS: tuple[tuple[M, Callable[..., Any]], ...] = (
    (M("current_alpha_price", _NETUID, U64), current_alpha_price),
    (M("current_alpha_price_all", (), Vec(SubnetPrice)), current_alpha_price_all),
    (M("sim_swap_tao_for_alpha", (("netuid", NetUid), ("tao", TaoBalance)), SimSwapResult),
     sim_swap_tao_for_alpha),
    (M("sim_swap_alpha_for_tao", (("netuid", NetUid), ("alpha", AlphaBalance)), SimSwapResult),
     sim_swap_alpha_for_tao),
)

SWAP_APIS: tuple[RuntimeApiMetadata, ...] = (
    RuntimeApiMetadata("SwapRuntimeApi", tuple(method for method, _ in _SWAP_METHODS)),)
"""The declared trait; it follows the SubtensorModule traits as in ``impl_runtime_apis!``."""

SWAP_HANDLERS: dict[str, Handler] = {
    f"SwapRuntimeApi_{method.name}": _handler("SwapRuntimeApi", method, compute)
    for method, compute in _SWAP_METHODS}
"""Every declared method, by its ``state_call`` name."""
