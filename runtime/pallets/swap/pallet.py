"""The Swap pallet declaration (index 28): storage, events, errors and constants (spec §4.2).

Mirrors ``pallets/swap/src/pallet/mod.rs`` at subtensor 14bc6f9, where the pool is a weighted
(Balancer) two-asset pool owned by the protocol: per subnet a fee rate and the quote weight.
Event and error indices are the declaration order of the reference enums; constants are the
production runtime's (``SwapProtocolId``, ``SwapMaxFeeRate``, ``SwapMinimumLiquidity``,
``SwapMinimumReserve``). The arithmetic lives in :mod:`runtime.pallets.swap_math`; calls come
with their logic later (only ``set_fee_rate`` at index 0 is live; 1-4 are deprecated).
"""

from __future__ import annotations

from runtime.frame.pallet import Pallet
from runtime.frame.storage import VALUE_QUERY, identity, twox64_concat
from runtime.pallets.subtensor.types import AlphaBalance, BoundedBytes, NetUid, PalletId
from runtime.primitives.scale import U16, U64, Bool, Struct

PALLET_INDEX = 28
"""Swap's index in subtensor's ``construct_runtime!`` (spec §7.3)."""

PERQUINTILL_ONE = 10**18
"""``Perquintill`` denominator."""
DEFAULT_FEE_RATE = 33
"""Fee rate of a pool until root sets one: 33/65535, about 0.05 %."""
DEFAULT_QUOTE_WEIGHT = PERQUINTILL_ONE // 2
"""``Balancer::default()``: quote (TAO) weight 0.5."""

PROTOCOL_ID = b"ten/swap"
MAX_FEE_RATE = 10_000
MINIMUM_LIQUIDITY = 1_000
MINIMUM_RESERVE = 1_000_000

Perquintill = Struct("Perquintill", [(None, U64, "u64")],
                     path=("sp_arithmetic", "per_things", "Perquintill"))
"""A fraction in parts of 10^18."""
NonZeroU64 = Struct("NonZeroU64", [(None, U64, "u64")], path=("NonZeroU64",))
"""``core::num::NonZeroU64``: a u64 that is never zero."""
Balancer = Struct("Balancer", [("quote", Perquintill, "Perquintill")],
                  path=("pallet_subtensor_swap", "pallet", "balancer", "Balancer"))
"""A pool's weights: the quote (TAO) weight w2; the base (alpha) weight is 1 − w2."""

swap = Pallet("Swap", PALLET_INDEX, docs=(
    "Swap: the protocol-owned weighted TAO/alpha pool of each subnet.",))

_NETUID = twox64_concat(NetUid, "NetUid")

# -- storage ------------------------------------------------------------------------------------

FeeRate = swap.map("FeeRate", _NETUID, U16, query=VALUE_QUERY, default=DEFAULT_FEE_RATE,
                   docs=("Swap fee of a subnet's pool, as a fraction of 65535.",))
SwapBalancer = swap.map("SwapBalancer", _NETUID, Balancer, query=VALUE_QUERY,
                        default={"quote": DEFAULT_QUOTE_WEIGHT},
                        docs=("Weights of a subnet's pool (quote weight, 18 decimals).",))
PalSwapInitialized = swap.map("PalSwapInitialized", _NETUID, Bool, query=VALUE_QUERY,
                              default=False,
                              docs=("Whether a subnet's balancer pool has been set up.",))
HasMigrationRun = swap.map("HasMigrationRun",
                           identity(BoundedBytes, "BoundedVec<u8, MigrationKeyMaxLen>"), Bool,
                           query=VALUE_QUERY, default=False,
                           docs=("Which named swap migrations have run (keys up to 128 bytes).",))
ScrapReservoirAlpha = swap.map("ScrapReservoirAlpha", _NETUID, AlphaBalance, query=VALUE_QUERY,
                               default=0,
                               docs=("Alpha left over from protocol fee claims, per subnet.",))

# -- events -------------------------------------------------------------------------------------

FeeRateSet = swap.event(0, "FeeRateSet", [("netuid", NetUid, "NetUid"), ("rate", U16, "u16")],
                        "Root changed a subnet's fee rate.")

# -- errors -------------------------------------------------------------------------------------

FeeRateTooHigh = swap.error(0, "FeeRateTooHigh", "Fee rate above MaxFeeRate.")
InsufficientInputAmount = swap.error(1, "InsufficientInputAmount", "Input amount too small.")
InsufficientLiquidity = swap.error(2, "InsufficientLiquidity", "Not enough liquidity.")
PriceLimitExceeded = swap.error(3, "PriceLimitExceeded", "The swap would pass the price limit.")
InsufficientBalance = swap.error(4, "InsufficientBalance", "Caller's balance too low.")
InvalidTickRange = swap.error(5, "InvalidTickRange", "Tick range invalid (legacy).")
InvalidLiquidityValue = swap.error(6, "InvalidLiquidityValue", "Liquidity value invalid.")
ReservesTooLow = swap.error(7, "ReservesTooLow", "Pool reserves too low for the swap.")
MechanismDoesNotExist = swap.error(8, "MechanismDoesNotExist", "No such subnet.")
SubtokenDisabled = swap.error(9, "SubtokenDisabled", "Staking not enabled on the subnet.")
ReservesOutOfBalance = swap.error(10, "ReservesOutOfBalance", "Pool reserves too imbalanced.")
SwapInputTooLarge = swap.error(11, "SwapInputTooLarge",
                               "Input too large against the input-side reserve.")
Deprecated = swap.error(12, "Deprecated", "The call is deprecated.")

# -- constants ----------------------------------------------------------------------------------

swap.constant("ProtocolId", PalletId, PROTOCOL_ID,
              "Id from which the protocol's swap account is derived.")
swap.constant("MaxFeeRate", U16, MAX_FEE_RATE, "Highest fee rate root may set (about 15 %).")
swap.constant("MinimumLiquidity", U64, MINIMUM_LIQUIDITY,
              "Smallest liquidity safe for the integer math.")
swap.constant("MinimumReserve", NonZeroU64, MINIMUM_RESERVE,
              "Smallest reserve (rao) a pool's output side may have.")
