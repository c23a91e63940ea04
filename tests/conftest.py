"""Test-wide isolation for process-global runtime settings.

The Timestamp/Aura slot timings are a process-wide switch (``set_fast_blocks``) that the node
service flips for fast-block chains; every test starts and ends with the production timings so
that no test depends on which ran before it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from runtime.pallets.timestamp import pallet as timestamp


@pytest.fixture(autouse=True)
def _production_slot_timings() -> Iterator[None]:
    timestamp.set_fast_blocks(False)
    yield
    timestamp.set_fast_blocks(False)
