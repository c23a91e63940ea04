"""The pool side of registration: buying alpha with the registration burn (spec §4.1, §4.2).

Reference (subtensor 14bc6f9): ``staking/stake_utils.rs::swap_tao_for_alpha`` over
``pallets/swap/src/pallet/impls.rs`` (``do_swap``, ``maybe_initialize_palswap``). The pure
arithmetic is :mod:`runtime.pallets.swap_math`; this module reads the pool from storage, turns
the math's refusals into the Swap pallet's errors and books the result as subtensor does.
"""

from __future__ import annotations

from runtime.frame.dispatch import DispatchError
from runtime.pallets.subtensor import storage as st
from runtime.pallets.swap import pallet as swap_pallet
from runtime.pallets.swap_math.balancer import HALF_WEIGHT
from runtime.pallets.swap_math.swap import (
    MAX_PRICE_RAO,
    PoolState,
    SwapError,
    SwapResult,
    limit_price_from_rao,
    stable_swap,
)
from runtime.pallets.swap_math.swap import swap_tao_for_alpha as buy
from runtime.primitives.externalities import Externalities

DYNAMIC_MECHANISM = 1
U64_MAX = (1 << 64) - 1
U128_MAX = (1 << 128) - 1


def _quote_weight(ext: Externalities, netuid: int) -> int:
    """The pool's quote weight; 0.5 for a pool the balancer has not initialised yet."""
    if not swap_pallet.PalSwapInitialized.get(ext, netuid):
        return HALF_WEIGHT
    balancer = swap_pallet.SwapBalancer.get(ext, netuid)
    quote = balancer["quote"] if isinstance(balancer, dict) else balancer.quote
    return int(quote if isinstance(quote, int) else quote[0])


def pool_state(ext: Externalities, netuid: int) -> PoolState:
    """A dynamic subnet's pool as stored: SubnetTAO, SubnetAlphaIn, weights, FeeRate."""
    return PoolState(int(st.SubnetTAO.get(ext, netuid)), int(st.SubnetAlphaIn.get(ext, netuid)),
                     _quote_weight(ext, netuid), int(swap_pallet.FeeRate.get(ext, netuid)))


def _dynamic_buy(ext: Externalities, netuid: int, tao: int, limit_rao: int,
                 drop_fees: bool) -> SwapResult:
    """``do_swap::<GetAlphaForTao>``: refusals become the Swap pallet's errors; a successful
    swap initialises the balancer weights (0.5) if it never was."""
    try:
        result = buy(pool_state(ext, netuid), tao, limit_price_from_rao(limit_rao),
                     drop_fees=drop_fees)
    except SwapError as refusal:
        error: DispatchError = getattr(swap_pallet, refusal.name)()
        raise error from refusal
    if not swap_pallet.PalSwapInitialized.get(ext, netuid):
        swap_pallet.SwapBalancer.insert(ext, netuid, {"quote": HALF_WEIGHT})
        swap_pallet.PalSwapInitialized.insert(ext, netuid, True)
    return result


def swap_tao_for_alpha(ext: Externalities, netuid: int, tao: int,
                       limit_rao: int = MAX_PRICE_RAO, drop_fees: bool = False) -> SwapResult:
    """``swap_tao_for_alpha``: buy alpha with ``tao`` on the subnet's pool (1:1 on a stable
    subnet) and book it: SubnetAlphaIn −= paid out, SubnetAlphaOut += paid out, SubnetTAO +=
    paid in (net of fee), TotalStake += tao, SubnetVolume += tao."""
    if int(st.SubnetMechanism.get(ext, netuid)) == DYNAMIC_MECHANISM:
        result = _dynamic_buy(ext, netuid, tao, limit_rao, drop_fees)
    else:
        result = stable_swap(tao)
    paid_out = min(result.amount_paid_out, U64_MAX)
    if paid_out:
        st.SubnetAlphaIn.mutate(ext, netuid, lambda v: max(int(v) - paid_out, 0))
    st.SubnetAlphaOut.mutate(ext, netuid, lambda v: min(int(v) + paid_out, U64_MAX))
    st.SubnetTAO.mutate(ext, netuid, lambda v: min(int(v) + result.amount_paid_in, U64_MAX))
    st.TotalStake.mutate(ext, lambda v: min(int(v) + tao, U64_MAX))
    st.SubnetVolume.mutate(ext, netuid, lambda v: min(int(v) + tao, U128_MAX))
    return result
