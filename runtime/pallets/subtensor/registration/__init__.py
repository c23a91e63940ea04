"""SubtensorModule registration: neurons (§5.2), subnets (§5.1) and root (§5.2).

Importing this package declares its calls on the ``subtensor`` pallet object:
``register`` (6), ``burned_register`` (7), ``register_limit`` (134).

Modules: :mod:`.neurons` (the calls and the shared ``do_register`` path), :mod:`.uids`
(append / replace a uid), :mod:`.pruning` (which uid a full subnet gives up),
:mod:`.accounts` (hotkey ownership, subnet accounts, TAO to a subnet), :mod:`.pool` (buying
alpha with the burn). Hooks the block step must call are listed in :mod:`.neurons`.
"""

from __future__ import annotations

from runtime.pallets.subtensor.registration import neurons

__all__ = ["neurons"]
