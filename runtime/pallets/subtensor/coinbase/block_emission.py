"""Block emission from issuance with the halving schedule (spec/subtensor.md §2).

Reference: ``pallets/subtensor/src/coinbase/block_emission.rs``
(``get_block_emission_for_issuance``) and ``coinbase/tao.rs`` (``mint_tao``).

emission(I) = floor(10**9 / 2**k) with k = floor(log2(1 / (1 − I / 2.1e16))) computed in
I96F32 with the reference's ``log2``; 0 once I reaches the 21M TAO cap. The same function gives
a subnet's per-block alpha emission from its alpha issuance (§3.4).
"""

from __future__ import annotations

from runtime.primitives.fixed import I96F32, checked_log2

TOTAL_SUPPLY = 21_000_000_000_000_000
"""21M TAO in rao: ``TotalSupply`` and ``MAX_TAO_ISSUANCE``."""

DEFAULT_BLOCK_EMISSION = 1_000_000_000
"""``DefaultBlockEmission``: 1 TAO per block before the first halving."""

_HALF_SUPPLY = 10_500_000_000_000_000
_U64_MAX = (1 << 64) - 1


def block_emission_for_issuance(issuance: int) -> int:
    """The per-block emission (rao, or alpha units) at ``issuance`` (``block_emission.rs``).

    All steps in I96F32: x = I / (2 × 1.05e16) (checked), r = 1 / (1 − x) (checked),
    k = floor(log2(r)), multiplier 2**k by repeated saturating doubling, emission =
    (1 / multiplier) × 10**9 floored to u64. Where the reference's checked steps fail it
    returns an error that callers treat as 0; this returns 0 there.
    """
    total = I96F32.saturating_from_num(issuance)
    if total >= I96F32.from_num(TOTAL_SUPPLY):
        return 0
    one = I96F32.ONE
    two = I96F32.from_num(2)
    fraction = total.checked_div(two.saturating_mul(I96F32.from_num(_HALF_SUPPLY)))
    remainder = None if fraction is None else one.checked_sub(fraction)
    ratio = None if remainder is None else one.checked_div(remainder)
    residual = None if ratio is None or ratio.bits <= 0 else checked_log2(ratio)
    if residual is None:
        return 0
    halvings = residual.floor().saturating_to_int(64)
    multiplier = one
    for _ in range(halvings):
        multiplier = multiplier.saturating_mul(two)
        if multiplier == I96F32.MAX:
            break
    percentage = one.safe_div(multiplier)
    emission = percentage.saturating_mul(I96F32.from_num(DEFAULT_BLOCK_EMISSION))
    return emission.saturating_to_int(64)


def mintable_amount(amount: int, balances_total_issuance: int) -> int:
    """What ``mint_tao`` actually issues: min(amount, 21M TAO − balances total issuance)."""
    return min(amount, max(TOTAL_SUPPLY - balances_total_issuance, 0))
