"""SubtensorModule registration: neurons (§5.2), subnets (§5.1) and root (§5.2).

Importing this package declares its calls on the ``subtensor`` pallet object:
``register`` (6), ``burned_register`` (7), ``register_limit`` (134), ``register_network``
(59), ``register_network_with_identity`` (79), ``start_call`` (92), ``root_register`` (62).

Modules:
    - :mod:`.neurons`: the neuron calls and the shared ``do_register`` path;
    - :mod:`.uids`: append / replace a uid; :mod:`.pruning`: which uid a full subnet gives up;
    - :mod:`.accounts`: hotkey ownership, subnet accounts, TAO to a subnet;
    - :mod:`.pool`: buying alpha with the burn;
    - :mod:`.subnets`: the subnet calls; :mod:`.network`: lock cost, prices, next netuid;
      :mod:`.symbols`: token symbols;
    - :mod:`.root`: root_register;
    - :mod:`.prices`: the per-block burn decay the coinbase's block step must call first.
"""

from __future__ import annotations

from runtime.pallets.subtensor.registration import neurons, root, subnets

__all__ = ["neurons", "root", "subnets"]
