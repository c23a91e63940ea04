"""The AdminUtils pallet (index 19): root and subnet-owner hyperparameter setters.

Importing the package declares every call on :data:`admin_utils` (also exported as
``PALLET``); :data:`CALL_INDICES` maps call names to their reference call indices.
"""

from __future__ import annotations

from runtime.pallets.admin_utils import (
    emission_calls,
    global_calls,
    network_calls,
    root_calls,
    subnet_calls,
    switch_calls,
    toggle_calls,
)
from runtime.pallets.admin_utils.pallet import PALLET, PALLET_INDEX, admin_utils

CALL_INDICES: dict[str, int] = {c.name: index for index, c in admin_utils.calls.items()}
"""Call name → call index, as the reference's ``#[pallet::call_index]``."""

__all__ = [
    "CALL_INDICES",
    "PALLET",
    "PALLET_INDEX",
    "admin_utils",
    "emission_calls",
    "global_calls",
    "network_calls",
    "root_calls",
    "subnet_calls",
    "switch_calls",
    "toggle_calls",
]
