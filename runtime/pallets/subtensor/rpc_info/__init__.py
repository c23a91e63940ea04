"""What SubtensorModule's runtime APIs return: result types and the functions computing them.

Reference (subtensor 14bc6f9): ``pallets/subtensor/src/rpc_info/``.

- :mod:`.types` — the result structs (``NeuronInfo``, ``NeuronInfoLite``, ``DynamicInfo``,
  ``SubnetInfov2``) with their Rust paths, field names, order and ``Compact`` wrappers;
- :mod:`.neurons` — ``get_neurons(_lite)``, ``get_neuron(_lite)``;
- :mod:`.subnets` — ``get_dynamic_info``, ``get_all_dynamic_info``, ``get_subnet_info_v2``,
  ``get_subnets_info_v2``, ``get_network_registration_cost``;
- :mod:`.names` — the default subnet names (``get_name_for_subnet``).
"""

from __future__ import annotations
