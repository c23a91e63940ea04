"""The epoch's JSON interface (``tensorchain epoch``): parsed mappings in, plain mappings out.

No file or terminal I/O here: callers pass already-parsed JSON values. Input format::

    {"block", "tempo", "rao_emission", "last_epoch_block", "owner_uid",
     "hyperparameters": {"kappa", "bonds_penalty", "bonds_moving_average", "yuma3",
                         "liquid_alpha", "alpha_low", "alpha_high", "alpha_sigmoid_steepness",
                         "max_allowed_validators", "stake_threshold", "activity_cutoff",
                         "commit_reveal"},
     "neurons": [{"uid", "stake", "last_update", "block_at_registration", "validator_permit",
                  "weights": [[uid, u16], ...], "bonds": [[uid, u16], ...],
                  "commit_block", optional "stake_fraction"}, ...]}

``stake_fraction`` (optional, default 0) is the fractional part of the I64F64 stake weight in
units of 2**-64, for callers that have it; whole-rao stakes leave it out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from typing import Any

from runtime.pallets.subtensor.epoch.types import (
    NO_COMMIT,
    EpochInputError,
    EpochInputs,
    EpochOutputs,
    Hyperparameters,
    SparseRows,
)

HYPERPARAMETER_NAMES = tuple(f.name for f in fields(Hyperparameters))
NEURON_KEYS = ("uid", "stake", "last_update", "block_at_registration", "validator_permit",
               "weights", "bonds")


def _require(mapping: Mapping[str, Any], key: str, where: str) -> Any:
    if not isinstance(mapping, Mapping):
        raise EpochInputError(f"{where} must be a JSON object")
    if key not in mapping:
        raise EpochInputError(f"{where} is missing the key {key!r}")
    return mapping[key]


def hyperparameters_from_json(data: Mapping[str, Any]) -> Hyperparameters:
    """Hyperparameters from the ``hyperparameters`` object; every key is required."""
    values = {name: _require(data, name, "hyperparameters") for name in HYPERPARAMETER_NAMES}
    return Hyperparameters(**values)


def _sorted_neurons(neurons: Any) -> list[Mapping[str, Any]]:
    if not isinstance(neurons, list):
        raise EpochInputError("neurons must be a JSON array")
    for k, neuron in enumerate(neurons):
        for key in NEURON_KEYS:
            _require(neuron, key, f"neurons[{k}]")
    uids = [neuron["uid"] for neuron in neurons]
    if sorted(uids) != list(range(len(neurons))):
        raise EpochInputError(f"neuron uids must be exactly 0..{len(neurons) - 1}, "
                              f"each once; got {sorted(uids)[:8]}...")
    return sorted(neurons, key=lambda neuron: neuron["uid"])


def inputs_from_json(data: Mapping[str, Any]) -> EpochInputs:
    """Validated :class:`EpochInputs` from a parsed subnet JSON document."""
    neurons = _sorted_neurons(_require(data, "neurons", "input"))
    commit = [NO_COMMIT if neuron.get("commit_block") is None else neuron["commit_block"]
              for neuron in neurons]
    return EpochInputs(
        block=_require(data, "block", "input"),
        tempo=_require(data, "tempo", "input"),
        rao_emission=_require(data, "rao_emission", "input"),
        last_epoch_block=data.get("last_epoch_block", 0) or 0,
        owner_uid=data.get("owner_uid"),
        hyperparameters=hyperparameters_from_json(_require(data, "hyperparameters", "input")),
        stake=[neuron["stake"] for neuron in neurons],
        last_update=[neuron["last_update"] for neuron in neurons],
        block_at_registration=[neuron["block_at_registration"] for neuron in neurons],
        validator_permit=[neuron["validator_permit"] for neuron in neurons],
        commit_block=commit,
        weights=SparseRows.from_rows([neuron["weights"] for neuron in neurons], "weights"),
        bonds=SparseRows.from_rows([neuron["bonds"] for neuron in neurons], "bonds"),
        stake_fraction=[neuron.get("stake_fraction", 0) for neuron in neurons],
    )


def inputs_to_json(inputs: EpochInputs) -> dict[str, Any]:
    """The JSON document that :func:`inputs_from_json` reads back to ``inputs``."""
    hp = inputs.hyperparameters
    neurons = []
    for uid in range(inputs.n):
        commit = int(inputs.commit_block[uid])
        neurons.append({
            "uid": uid, "stake": int(inputs.stake[uid]),
            "last_update": int(inputs.last_update[uid]),
            "block_at_registration": int(inputs.block_at_registration[uid]),
            "validator_permit": bool(inputs.validator_permit[uid]),
            "weights": [list(p) for p in inputs.weights.row(uid)],
            "bonds": [list(p) for p in inputs.bonds.row(uid)],
            "commit_block": None if commit == NO_COMMIT else commit,
        })
        if inputs.stake_fraction is not None:
            neurons[-1]["stake_fraction"] = int(inputs.stake_fraction[uid])
    return {
        "block": inputs.block, "tempo": inputs.tempo, "rao_emission": inputs.rao_emission,
        "last_epoch_block": inputs.last_epoch_block, "owner_uid": inputs.owner_uid,
        "hyperparameters": {name: getattr(hp, name) for name in HYPERPARAMETER_NAMES},
        "neurons": neurons,
    }


def outputs_to_json(outputs: EpochOutputs) -> dict[str, Any]:
    """Per-uid results keyed by their on-chain names (see :meth:`EpochOutputs.as_lists`)."""
    return outputs.as_lists()
