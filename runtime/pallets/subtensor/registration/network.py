"""What subnet registration reads and computes: lock cost, prices, the subnet to prune, the
next netuid (spec/subtensor.md §5.1).

Reference (subtensor 14bc6f9): ``coinbase/root.rs`` (``get_network_lock_cost``,
``get_lock_reduction_interval``, ``get_network_to_prune``), ``staking/stake_utils.rs``
(``get_median_subnet_alpha_price``, ``get_moving_alpha_price``), ``subnets/subnet.rs``
(``get_next_netuid``) and the swap pallet's ``current_price``.
"""

from __future__ import annotations

from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.coinbase.block_emission import (
    DEFAULT_BLOCK_EMISSION,
    block_emission_for_issuance,
)
from runtime.pallets.subtensor.registration.accounts import ROOT_NETUID, current_block
from runtime.pallets.subtensor.registration.pool import DYNAMIC_MECHANISM
from runtime.pallets.swap import pallet as swap_pallet
from runtime.pallets.swap_math.balancer import price_bits
from runtime.primitives.externalities import Externalities
from runtime.primitives.scale import EnumValue

U64_MAX = (1 << 64) - 1
U128_MAX = (1 << 128) - 1
ONE_BITS = 1 << 64
"""1.0 as U64F64 bits."""
NETWORK_LAST_REGISTERED = EnumValue("NetworkLastRegistered", None)
"""``RateLimitKey::NetworkLastRegistered``: the key of the last subnet registration block."""


def added_subnets(ext: Externalities) -> list[int]:
    """Netuids with ``NetworksAdded = true``, in storage-key order (spec §0.3)."""
    return [int(netuid) for (netuid,), added in st.NetworksAdded.iter(ext) if added]


def next_netuid(ext: Externalities) -> int:
    """``get_next_netuid``: the lowest netuid ≥ 1 with no ``NetworksAdded`` entry."""
    taken = {int(netuid) for (netuid,) in st.NetworksAdded.iter_keys(ext)}
    netuid = 1
    while netuid in taken:
        netuid += 1
    return netuid


def last_lock_block(ext: Externalities) -> int:
    """``get_network_last_lock_block``: LastRateLimitedBlock[NetworkLastRegistered]."""
    return int(st.LastRateLimitedBlock.get(ext, NETWORK_LAST_REGISTERED))


def lock_reduction_interval(ext: Externalities) -> int:
    """``get_lock_reduction_interval``: NetworkLockReductionInterval × (block emission / 1 TAO)
    in I64F64, floored (the emission of the subtensor TotalIssuance, halvings included)."""
    emission = block_emission_for_issuance(int(st.TotalIssuance.get(ext)))
    halving_bits = (emission << 64) // DEFAULT_BLOCK_EMISSION
    interval = int(st.NetworkLockReductionInterval.get(ext))
    return min((interval * halving_bits) >> 64, U64_MAX)


def network_lock_cost(ext: Externalities) -> int:
    """``get_network_lock_cost``: max(min_lock, L × m − floor(L / I) × (now − t0)), m = 1 before
    any registration (t0 = 0) and 2 after; every step saturating (I = 0 gives L / I = 0)."""
    last_lock = int(st.NetworkLastLockCost.get(ext))
    min_lock = int(st.NetworkMinLockCost.get(ext))
    last_block = last_lock_block(ext)
    interval = lock_reduction_interval(ext)
    mult = 1 if last_block == 0 else 2
    per_block = last_lock // interval if interval else 0
    reduction = min(per_block * max(current_block(ext) - last_block, 0), U64_MAX)
    cost = max(min(last_lock * mult, U64_MAX) - reduction, 0)
    return max(cost, min_lock)


def current_alpha_price_bits(ext: Externalities, netuid: int) -> int:
    """The swap pallet's ``current_price`` (U64F64 bits): the balancer spot price of a
    dynamic pool (0 without alpha), 1 for a stable subnet."""
    if int(st.SubnetMechanism.get(ext, netuid)) != DYNAMIC_MECHANISM:
        return ONE_BITS
    alpha = int(st.SubnetAlphaIn.get(ext, netuid))
    if alpha == 0:
        return 0
    balancer = swap_pallet.SwapBalancer.get(ext, netuid)
    quote = balancer["quote"] if isinstance(balancer, dict) else balancer.quote
    return price_bits(int(quote), alpha, int(st.SubnetTAO.get(ext, netuid)))


def median_subnet_alpha_price_bits(ext: Externalities) -> int:
    """``get_median_subnet_alpha_price`` (U64F64 bits): the median of the positive current
    prices of the non-root subnets (mean of the two middle ones, floored), 1 without any."""
    prices = sorted(p for netuid in added_subnets(ext) if netuid != ROOT_NETUID
                    if (p := current_alpha_price_bits(ext, netuid)) > 0)
    if not prices:
        return ONE_BITS
    lower, upper = prices[(len(prices) - 1) // 2], prices[len(prices) // 2]
    if (len(prices) - 1) // 2 == len(prices) // 2:
        return upper
    return min(lower + upper, U128_MAX) // 2


def moving_alpha_price_bits(ext: Externalities, netuid: int) -> int:
    """``get_moving_alpha_price`` (U64F64 bits): 1 for root and stable subnets, else
    ``SubnetMovingPrice`` (I96F32) converted saturating."""
    if netuid == ROOT_NETUID or int(st.SubnetMechanism.get(ext, netuid)) == 0:
        return ONE_BITS
    bits = st.SubnetMovingPrice.get(ext, netuid).bits
    return min(max(bits, 0) << 32, U128_MAX)


def network_to_prune(ext: Externalities) -> int | None:
    """``get_network_to_prune``: among non-root subnets past ``NetworkImmunityPeriod``, the
    lowest moving price, ties to the earliest registration (first in key order after that)."""
    now = current_block(ext)
    immunity = int(st.NetworkImmunityPeriod.get(ext))
    best = (U128_MAX, U64_MAX)
    chosen: int | None = None
    for netuid in added_subnets(ext):
        if netuid == ROOT_NETUID:
            continue
        registered = int(st.NetworkRegisteredAt.get(ext, netuid))
        if now < min(registered + immunity, U64_MAX):
            continue
        key = (moving_alpha_price_bits(ext, netuid), registered)
        if key < best:
            best, chosen = key, netuid
    return chosen
