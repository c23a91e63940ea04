"""Weight-vector max-upscaling and the max-weight check (``epoch/math.rs``, used by
``set_weights``, spec §5.5), on I32F32 bit arrays.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from runtime.primitives.fixed_array import FRAC_BITS, HALF, U16_MAX, div_frac, mul, normalize

IntArray = NDArray[np.int64]
UPSCALE_THRESHOLD = 32768 << FRAC_BITS


def _round_to_u16(bits: IntArray) -> NDArray[np.uint16]:
    """``round()`` (nearest, ties away from zero) then ``saturating_to_num::<u16>``."""
    rounded = np.where(bits >= 0, (bits + HALF) >> FRAC_BITS, -((-bits + HALF) >> FRAC_BITS))
    return np.clip(rounded, 0, U16_MAX).astype(np.uint16)


def max_upscale_to_u16(values: IntArray) -> NDArray[np.uint16]:
    """``vec_max_upscale_to_u16``: scale so the largest entry becomes 65535, rounding to nearest.

    Above a maximum of 32768 the factor 65535 / max is computed first (to stay in range);
    otherwise each entry is multiplied by 65535 and then divided by the maximum.
    """
    if values.size == 0:
        return np.zeros(0, dtype=np.uint16)
    top = int(values.max())
    u16_max = U16_MAX << FRAC_BITS
    if top == 0:
        return np.clip(mul(values, u16_max) >> FRAC_BITS, 0, U16_MAX).astype(np.uint16)
    if top > UPSCALE_THRESHOLD:
        factor = int(div_frac(u16_max, top))
        return _round_to_u16(mul(values, factor))
    return _round_to_u16(div_frac(np.maximum(mul(values, u16_max), 0), top))


def u16_max_upscale_to_u16(values: NDArray[np.integer]) -> NDArray[np.uint16]:
    """``vec_u16_max_upscale_to_u16``: the same on u16 integers taken as I32F32 integers."""
    return max_upscale_to_u16(np.asarray(values, dtype=np.int64) << FRAC_BITS)


def check_max_limited(values: NDArray[np.integer], max_limit: int) -> bool:
    """``check_vec_max_limited``: after normalising to sum 1, is the max <= max_limit/65535?"""
    if len(values) == 0:
        return True
    limit = int(div_frac(max_limit << FRAC_BITS, U16_MAX << FRAC_BITS))
    normalised = normalize(np.asarray(values, dtype=np.int64) << FRAC_BITS)
    return int(normalised.max()) <= limit

