"""What SubtensorModule's runtime APIs return: result types and the functions computing them.

Reference (subtensor 14bc6f9): ``pallets/subtensor/src/rpc_info/``.

- :mod:`.types` — the result structs (``NeuronInfo``, ``NeuronInfoLite``, ``DynamicInfo``,
  ``SubnetInfo``, ``SubnetInfov2``, ``SubnetHyperparamsV2``, ``HyperparamEntry``,
  ``DelegateInfo``, ``SubnetState``, ``Metagraph``, ``StakeInfo``) with their Rust paths, field
  names, order and ``Compact`` wrappers;
- :mod:`.neurons` — ``get_neurons(_lite)``, ``get_neuron(_lite)``;
- :mod:`.subnets` — dynamic info, subnet info (v1, v2), next epoch start, subnet to prune,
  auto-stake hotkey, subnet account, ``get_network_registration_cost``;
- :mod:`.hyperparams` — ``get_subnet_hyperparams_v2`` / ``_v3``;
- :mod:`.delegates` — ``get_delegates``, ``get_delegate``, ``get_delegated``;
- :mod:`.subnet_state` — ``get_subnet_state`` (stake weights of every uid);
- :mod:`.metagraph` — ``get_metagraph``, ``get_mechagraph`` and their ``get_all_*``;
- :mod:`.stake_info` — ``get_stake_info_for_coldkey(s)``, ``…_hotkey_coldkey_netuid``;
- :mod:`.names` — the default subnet names (``get_name_for_subnet``).
"""

from __future__ import annotations
