"""Buying and selling alpha against a subnet's pool, as staking books it (spec §4.1, §4.2).

Reference (subtensor 14bc6f9): ``staking/stake_utils.rs`` (``swap_tao_for_alpha``,
``swap_alpha_for_tao``) over the Swap pallet's ``swap`` / ``sim_swap`` / ``current_alpha_price``
(``pallets/swap/src/pallet/impls.rs``). Only dynamic subnets (mechanism 1) trade against the
balancer pool; root and stable subnets swap 1:1 without fee at price 1. A pool the balancer
never initialised trades at quote weight 0.5 and is initialised by its first real swap.
"""

from __future__ import annotations

from collections.abc import Callable

from runtime.frame.dispatch import DispatchError
from runtime.pallets.subtensor import storage as st
from runtime.pallets.swap import pallet as swap_pallet
from runtime.pallets.swap_math.balancer import HALF_WEIGHT
from runtime.pallets.swap_math.swap import (
    MAX_PRICE_RAO,
    MIN_PRICE_RAO,
    PoolState,
    SwapError,
    SwapResult,
    current_price,
    limit_price_from_rao,
    stable_swap,
    swap_alpha_for_tao,
    swap_tao_for_alpha,
)
from runtime.primitives.externalities import Externalities
from runtime.primitives.fixed import U64F64

ROOT_NETUID = 0
DYNAMIC_MECHANISM = 1
U64_MAX = (1 << 64) - 1
U128_MAX = (1 << 128) - 1
ONE_TAO = 1_000_000_000
MAX_INPUT_RESERVE_MULTIPLIER = 1000


def is_dynamic(ext: Externalities, netuid: int) -> bool:
    """A non-root subnet with ``SubnetMechanism`` 1 trades against a pool."""
    return netuid != ROOT_NETUID and int(st.SubnetMechanism.get(ext, netuid)) == DYNAMIC_MECHANISM


def _quote_weight(ext: Externalities, netuid: int) -> int:
    """The pool's quote weight; 0.5 for a pool the balancer has not initialised yet."""
    if not swap_pallet.PalSwapInitialized.get(ext, netuid):
        return HALF_WEIGHT
    balancer = swap_pallet.SwapBalancer.get(ext, netuid)
    quote = balancer["quote"] if isinstance(balancer, dict) else balancer
    return int(quote if isinstance(quote, int) else quote[0])


def pool_state(ext: Externalities, netuid: int) -> PoolState:
    """A dynamic subnet's pool as stored: SubnetTAO, SubnetAlphaIn, weight, FeeRate."""
    return PoolState(int(st.SubnetTAO.get(ext, netuid)), int(st.SubnetAlphaIn.get(ext, netuid)),
                     _quote_weight(ext, netuid), int(swap_pallet.FeeRate.get(ext, netuid)))


def alpha_price(ext: Externalities, netuid: int) -> U64F64:
    """``current_alpha_price``: the spot price of a dynamic subnet, 1 elsewhere."""
    if not is_dynamic(ext, netuid):
        return U64F64.from_num(1)
    return current_price(pool_state(ext, netuid))


def _run(ext: Externalities, netuid: int, swap: Callable[..., SwapResult], amount: int,
         limit_rao: int, drop_fees: bool, simulate: bool) -> SwapResult:
    """One dynamic swap; the math's refusals become the Swap pallet's errors."""
    try:
        result = swap(pool_state(ext, netuid), amount, limit_price_from_rao(limit_rao),
                      drop_fees=drop_fees, simulate=simulate)
    except SwapError as refusal:
        error: DispatchError = getattr(swap_pallet, refusal.name)()
        raise error from refusal
    if not simulate and not swap_pallet.PalSwapInitialized.get(ext, netuid):
        swap_pallet.SwapBalancer.insert(ext, netuid, {"quote": HALF_WEIGHT})
        swap_pallet.PalSwapInitialized.insert(ext, netuid, True)
    return result


def sim_buy(ext: Externalities, netuid: int, tao: int,
            limit_rao: int = MAX_PRICE_RAO) -> SwapResult:
    """``sim_swap`` of a buy: what ``tao`` would buy (1:1 on stable subnets); no writes."""
    if not is_dynamic(ext, netuid):
        return stable_swap(tao)
    return _run(ext, netuid, swap_tao_for_alpha, tao, limit_rao, False, True)


def sim_sell(ext: Externalities, netuid: int, alpha: int,
             limit_rao: int = MIN_PRICE_RAO) -> SwapResult:
    """``sim_swap`` of a sell: what ``alpha`` would fetch (1:1 on stable subnets)."""
    if not is_dynamic(ext, netuid):
        return stable_swap(alpha)
    return _run(ext, netuid, swap_alpha_for_tao, alpha, limit_rao, False, True)


def buy(ext: Externalities, netuid: int, tao: int, limit_rao: int, drop_fees: bool) -> SwapResult:
    """``swap_tao_for_alpha``: SubnetAlphaIn −= out, SubnetAlphaOut += out, SubnetTAO += paid in
    (net of fee), TotalStake += tao, SubnetVolume += tao."""
    if is_dynamic(ext, netuid):
        result = _run(ext, netuid, swap_tao_for_alpha, tao, limit_rao, drop_fees, False)
    else:
        result = stable_swap(tao)
    out, paid_in = result.amount_paid_out, result.amount_paid_in
    if out:
        st.SubnetAlphaIn.mutate(ext, netuid, lambda v: max(int(v) - out, 0))
    st.SubnetAlphaOut.mutate(ext, netuid, lambda v: min(int(v) + out, U64_MAX))
    st.SubnetTAO.mutate(ext, netuid, lambda v: min(int(v) + paid_in, U64_MAX))
    st.TotalStake.mutate(ext, lambda v: min(int(v) + tao, U64_MAX))
    st.SubnetVolume.mutate(ext, netuid, lambda v: min(int(v) + tao, U128_MAX))
    return result


def sell(ext: Externalities, netuid: int, alpha: int, limit_rao: int,
         drop_fees: bool) -> SwapResult:
    """``swap_alpha_for_tao``: SubnetAlphaIn += paid in, SubnetAlphaOut −= paid in,
    SubnetTAO −= out, TotalStake −= out, SubnetVolume += out."""
    if is_dynamic(ext, netuid):
        result = _run(ext, netuid, swap_alpha_for_tao, alpha, limit_rao, drop_fees, False)
    else:
        result = stable_swap(alpha)
    paid_in, out = result.amount_paid_in, result.amount_paid_out
    st.SubnetAlphaIn.mutate(ext, netuid, lambda v: min(int(v) + paid_in, U64_MAX))
    st.SubnetAlphaOut.mutate(ext, netuid, lambda v: max(int(v) - paid_in, 0))
    if out:
        st.SubnetTAO.mutate(ext, netuid, lambda v: max(int(v) - out, 0))
    st.TotalStake.mutate(ext, lambda v: max(int(v) - out, 0))
    st.SubnetVolume.mutate(ext, netuid, lambda v: min(int(v) + out, U128_MAX))
    return result


def max_amount_add(ext: Externalities, netuid: int, limit_rao: int) -> int:
    """``get_max_amount_add``: TAO executable up to ``limit_rao`` (u64::MAX or 0 at price 1)."""
    if not is_dynamic(ext, netuid):
        return U64_MAX if limit_rao >= ONE_TAO else 0
    amount = min(int(st.SubnetTAO.get(ext, netuid)) * MAX_INPUT_RESERVE_MULTIPLIER, U64_MAX)
    result = _run(ext, netuid, swap_tao_for_alpha, amount, limit_rao, False, True)
    return min(result.amount_paid_in + result.fee_paid, U64_MAX)


def max_amount_remove(ext: Externalities, netuid: int, limit_rao: int) -> int:
    """``get_max_amount_remove``: alpha executable down to ``limit_rao``."""
    if not is_dynamic(ext, netuid):
        return U64_MAX if limit_rao <= ONE_TAO else 0
    amount = min(int(st.SubnetAlphaIn.get(ext, netuid)) * MAX_INPUT_RESERVE_MULTIPLIER, U64_MAX)
    result = _run(ext, netuid, swap_alpha_for_tao, amount, limit_rao, False, True)
    return min(result.amount_paid_in + result.fee_paid, U64_MAX)


def within_input_limit(ext: Externalities, netuid: int, amount: int, reserve: int) -> bool:
    """``ensure_*_stake_input_within_swap_limit``: dynamic subnets take ≤ 1000 × reserve."""
    return not is_dynamic(ext, netuid) or amount <= min(reserve * MAX_INPUT_RESERVE_MULTIPLIER,
                                                        U64_MAX)
