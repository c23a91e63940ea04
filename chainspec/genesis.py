"""Genesis from a raw chain spec: state root, header and hash; writing it; exporting a state.

The genesis header is ``Header(parent = 32 zero bytes, number 0, state_root, extrinsics_root =
the empty-trie root, empty digest)`` and the genesis hash is its blake2_256 (substrate.md §4.1).
The state root is taken with the layout the genesis runtime declares: V1 for subtensor
(``system_version = 1``), V0 on request (§3.3). Default child tries are rooted first and their
roots stored in the top trie under ``:child_storage:default:`` ‖ child key (§3.5).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from chainspec.errors import ChainSpecError
from chainspec.raw import DEFAULT_FIELDS, RawChainSpec
from runtime.primitives.block import Digest, Header
from storage.chain_db import ZERO_HASH, ChainDB
from storage.state_db import bulk_update
from storage.trie import (
    CHILD_STORAGE_DEFAULT_PREFIX,
    EMPTY_TRIE_ROOT,
    HashedValue,
    Trie,
    TrieError,
    storage_root,
)

__all__ = [
    "Genesis",
    "build_genesis",
    "commit_genesis",
    "export_raw_spec",
    "genesis_from_storage",
    "genesis_header",
]

GenesisValue = bytes | HashedValue


@dataclass(frozen=True, slots=True)
class Genesis:
    """The genesis block's header and what it commits to."""

    header: Header
    state_version: int

    @property
    def state_root(self) -> bytes:
        """The genesis state root."""
        return self.header.state_root

    @property
    def hash(self) -> bytes:
        """The genesis block hash."""
        return self.header.hash()


def genesis_header(state_root: bytes) -> Header:
    """Block 0: zero parent, the given state root, empty extrinsics root, empty digest."""
    return Header(ZERO_HASH, 0, state_root, EMPTY_TRIE_ROOT, Digest())


def genesis_from_storage(top: Mapping[bytes, GenesisValue],
                         children: Mapping[bytes, Mapping[bytes, GenesisValue]] | None = None,
                         state_version: int = 1) -> Genesis:
    """The genesis of a storage map; V1 values may be ``HashedValue`` (known only by hash)."""
    try:
        root = storage_root(top, children or {}, state_version)
    except TrieError as exc:
        raise ChainSpecError(f"cannot build the genesis state root: {exc}") from exc
    return Genesis(genesis_header(root), state_version)


def build_genesis(spec: RawChainSpec, state_version: int = 1) -> Genesis:
    """The genesis of a raw chain spec."""
    return genesis_from_storage(spec.top, spec.children_default, state_version)


def commit_genesis(db: ChainDB, spec: RawChainSpec, state_version: int = 1) -> Genesis:
    """Write a raw spec's genesis block and state into an empty chain database."""
    if db.genesis_hash is not None:
        raise ChainSpecError(
            f"the database already holds genesis 0x{db.genesis_hash.hex()}")
    child_updates = {key: bulk_update(items, state_version)
                     for key, items in spec.children_default.items() if items}
    top = spec.top_with_child_roots({key: update.root for key, update in child_updates.items()})
    update = bulk_update(top, state_version)
    genesis = Genesis(genesis_header(update.root), state_version)
    db.commit_block(header=genesis.header.encode(), block_hash=genesis.hash, number=0,
                    parent_hash=ZERO_HASH, body=b"\x00", update=update,
                    changes=sorted(top.items()), pinned=child_updates.values())
    return genesis


def export_raw_spec(db: ChainDB, block_hash: bytes,
                    fields: Mapping[str, Any] | None = None) -> RawChainSpec:
    """A raw chain spec whose genesis storage is the state of a retained block."""
    trie = db.state_at(block_hash)
    top: dict[bytes, bytes] = {}
    children: dict[bytes, dict[bytes, bytes]] = {}
    for key, value in trie.iter_items():
        if key.startswith(CHILD_STORAGE_DEFAULT_PREFIX):
            child = Trie(db.nodes, value, cache=db.cache)
            children[key[len(CHILD_STORAGE_DEFAULT_PREFIX):]] = dict(child.iter_items())
        else:
            top[key] = value
    return RawChainSpec(top, children, dict(fields if fields is not None else DEFAULT_FIELDS))
