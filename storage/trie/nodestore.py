"""Where trie nodes live: the reader protocol, an in-memory store, and a bounded decoded-node cache.

Trie nodes and V1 value nodes are content-addressed: stored under the blake2_256 of their bytes.
Nodes shorter than 32 bytes that are not a root are inlined in their parent and never stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from itertools import islice
from typing import Protocol, runtime_checkable

from storage.trie.codec import Node
from storage.trie.errors import MissingNodeError

__all__ = ["MemoryNodeStore", "MissingNodeError", "NodeCache", "NodeReader"]


@runtime_checkable
class NodeReader(Protocol):
    """Read access to content-addressed trie nodes (and V1 value nodes)."""

    def get_node(self, node_hash: bytes) -> bytes | None:
        """The bytes stored under ``node_hash``, or ``None`` when absent."""
        ...


class MemoryNodeStore:
    """A dict of node hash → node bytes; for tests, benchmarks and throw-away tries."""

    def __init__(self, nodes: Mapping[bytes, bytes] | None = None) -> None:
        self.nodes: dict[bytes, bytes] = dict(nodes) if nodes else {}

    def get_node(self, node_hash: bytes) -> bytes | None:
        """The bytes stored under ``node_hash``, or ``None``."""
        return self.nodes.get(node_hash)

    def put_node(self, node_hash: bytes, encoding: bytes) -> None:
        """Store one node under its hash."""
        self.nodes[node_hash] = encoding

    def insert_all(self, nodes: Mapping[bytes, bytes]) -> None:
        """Store every (hash, bytes) pair of ``nodes``."""
        self.nodes.update(nodes)

    def remove_all(self, node_hashes: Iterable[bytes]) -> None:
        """Drop the given hashes (absent ones are ignored)."""
        for node_hash in node_hashes:
            self.nodes.pop(node_hash, None)

    def __len__(self) -> int:
        return len(self.nodes)

    def __contains__(self, node_hash: object) -> bool:
        return node_hash in self.nodes

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.nodes)


class NodeCache:
    """A bounded map of node reference → decoded :class:`Node`, shareable between tries.

    References are content addresses (hashes, or the inline bytes themselves), so one cache may
    serve tries over different stores. When full, the oldest eighth of the entries is evicted.
    ``Trie.apply`` adds the branches it writes, so the levels touched by every block stay warm
    (new leaves are not added: random accounts are rarely touched again soon). Size it to hold
    the branches of the state: about a fifth of the key count for random keys.
    """

    def __init__(self, capacity: int = 1 << 17) -> None:
        if capacity < 8:
            raise ValueError(f"node cache capacity must be at least 8, got {capacity}")
        self.capacity = capacity
        self._nodes: dict[bytes, Node] = {}

    def get(self, ref: bytes) -> Node | None:
        """The decoded node for ``ref``, or ``None`` when not cached."""
        return self._nodes.get(ref)

    def put(self, ref: bytes, node: Node) -> None:
        """Remember a decoded node, evicting old entries if the cache is full."""
        nodes = self._nodes
        if len(nodes) >= self.capacity:
            for old in list(islice(nodes, self.capacity // 8)):
                del nodes[old]
        nodes[ref] = node

    def clear(self) -> None:
        """Forget every cached node."""
        self._nodes.clear()

    def __len__(self) -> int:
        return len(self._nodes)
