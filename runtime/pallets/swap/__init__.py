"""Swap (pallet index 28): the protocol-owned weighted TAO/alpha pool of each subnet.

Overview
    Declarations of the reference ``pallet_subtensor_swap`` (spec §4.2): per-subnet fee rate
    and Balancer weights, the ``FeeRateSet`` event, the errors and the constants.

Terminology
    - *quote* / *base*: TAO (reserve ``SubnetTAO``) and alpha (``SubnetAlphaIn``);
    - *weights*: w2 (quote) as a Perquintill, w1 = 1 − w2.

Implementations
    :mod:`.pallet` (declarations); the arithmetic is :mod:`runtime.pallets.swap_math`.

Usage
    ``FeeRate.get(ext, netuid)`` (33 when unset); ``SwapBalancer.get(ext, netuid).quote``.

Genesis config
    None: pools are set up when subnets register.

Assumptions
    Production runtime values (MaxFeeRate 10 000, MinimumReserve 10^6 rao).
"""

from __future__ import annotations

from runtime.pallets.swap.pallet import PALLET_INDEX, swap

__all__ = ["PALLET_INDEX", "swap"]
