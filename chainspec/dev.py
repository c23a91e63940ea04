"""The development chain spec: ``runtime.genesis``'s dev genesis as a raw chain spec.

The storage is what ``runtime.genesis.build_dev_genesis`` writes with the assembled node runtime
(System, Aura ``//Alice``, Balances for Alice..Ferdie, TransactionPayment, Sudo ``//Alice``); the
state version is the runtime's. There is no ``:code``: the runtime is Python.
"""

from __future__ import annotations

from typing import Any

from chainspec.raw import RawChainSpec
from runtime.genesis import build_dev_genesis
from runtime.node_runtime import node_runtime
from storage.overlay import Overlay
from storage.trie import EMPTY_TRIE_ROOT, MemoryNodeStore, Trie

__all__ = ["DEV_FIELDS", "dev_raw_spec", "dev_state_version"]

DEV_FIELDS: dict[str, Any] = {
    "name": "Development",
    "id": "dev",
    "chainType": "Development",
    "bootNodes": [],
    "telemetryEndpoints": None,
    "protocolId": None,
    "properties": {"ss58Format": 42, "tokenDecimals": 9, "tokenSymbol": "TAO"},
    "codeSubstitutes": {},
}


def dev_state_version() -> int:
    """The trie layout the dev runtime declares (its ``system_version``)."""
    return node_runtime().version.state_version


def dev_raw_spec() -> RawChainSpec:
    """The dev chain's raw spec (its genesis storage and the dev chain's fields)."""
    node = node_runtime()
    overlay = Overlay(Trie(MemoryNodeStore(), EMPTY_TRIE_ROOT, node.version.state_version))
    build_dev_genesis(overlay, node)
    top = {key: value for key, value in overlay.changes() if value is not None}
    return RawChainSpec(top, {}, dict(DEV_FIELDS))
