"""Helpers shared by the chain-database tests: building blocks and checking stored state."""

from __future__ import annotations

import struct

from runtime.primitives.hashing import blake2_256
from storage.chain_db import ZERO_HASH, ChainDB
from storage.kv import Column
from storage.trie import EMPTY_TRIE_ROOT, MemoryNodeStore, Trie, decode_node

Changes = dict[bytes, bytes | None]


def make_header(parent_hash: bytes, number: int, state_root: bytes, salt: bytes = b"") -> bytes:
    """A stand-in header: its hash differs per parent, number, root and salt."""
    return parent_hash + struct.pack("<I", number) + state_root + salt


def commit_genesis(db: ChainDB, state: dict[bytes, bytes], state_version: int = 1) -> bytes:
    """Commit ``state`` as block 0; returns its hash."""
    update = Trie(MemoryNodeStore(), EMPTY_TRIE_ROOT, state_version).apply(state.items())
    header = make_header(ZERO_HASH, 0, update.root)
    block_hash = blake2_256(header)
    db.commit_block(header=header, block_hash=block_hash, number=0, parent_hash=ZERO_HASH,
                    body=b"\x00", update=update, changes=sorted(state.items()))
    return block_hash


def commit_child(db: ChainDB, parent_hash: bytes, changes: Changes, salt: bytes = b"",
                 **flags: bool) -> bytes:
    """Execute ``changes`` on ``parent_hash`` through an overlay and commit the child."""
    parent = db.record(parent_hash)
    overlay = db.overlay_at(parent_hash)
    for key, value in changes.items():
        if value is None:
            overlay.clear(key)
        else:
            overlay.set(key, value)
    commit = overlay.commit_set(1)
    header = make_header(parent_hash, parent.number + 1, commit.state_root, salt)
    block_hash = blake2_256(header)
    db.commit_block(header=header, block_hash=block_hash, number=parent.number + 1,
                    parent_hash=parent_hash, body=b"\x04" + salt[:1].ljust(1, b"\x00"),
                    update=commit.update, changes=commit.changes, **flags)
    return block_hash


def reachable_nodes(db: ChainDB, root: bytes) -> set[bytes]:
    """Every stored node (and V1 value node) hash reachable from ``root``."""
    if root == EMPTY_TRIE_ROOT:
        return set()
    found: set[bytes] = set()
    stack = [root]
    while stack:
        ref = stack.pop()
        if len(ref) == 32:
            found.add(ref)
            encoding = db.nodes.get_node(ref)
            if encoding is None:
                raise AssertionError(f"node 0x{ref.hex()} is missing")
        else:
            encoding = ref
        node = decode_node(encoding)
        if node.value_hashed and node.value is not None:
            found.add(node.value)
        stack.extend(child for child in node.children or () if child is not None)
    return found


def stored_nodes(db: ChainDB) -> set[bytes]:
    """Hashes present in the node column."""
    return {key[1:] for key in db.kv.keys(prefix=Column.NODES.value)}


def flat_state(db: ChainDB) -> dict[bytes, bytes]:
    """The flat index as a dict."""
    return {key[1:]: value for key, value in db.kv.items(prefix=Column.FLAT.value)}
