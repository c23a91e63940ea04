"""The node's view of the chain: pointers, decoded headers and bodies, listeners, state diffs.

:class:`Chain` is a thin facade over :class:`storage.chain_db.ChainDB`: it reads (best and
finalized pointers, headers, bodies, canonical hashes) and fans notifications out to
:class:`node.events.ChainListener` objects; it never writes — the importer is the one writer. It
implements :class:`consensus.verify.HeaderSource` (``header_by_hash``) for the header verifier.

:func:`diff_states` compares two retained states key by key, skipping every subtree whose node
reference is equal in both tries, so the cost follows the size of the difference, not of the state
(a replay tool's "which keys differ between my state and the reference's").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

import structlog

from node.events import BlockImported, BlocksFinalized, ChainListener, ChainRewound
from runtime.frame.pallet import Pallet
from runtime.primitives.block import Block, Header, split_extrinsic
from runtime.primitives.scale import decode_compact, encode_compact
from storage.chain_db import ChainDB
from storage.trie import EMPTY_TRIE_ROOT, NodeCache, Trie
from storage.trie.codec import NIBBLE_CHARS, Node, nibbles_to_key
from storage.trie.nodestore import NodeReader

log = structlog.get_logger("node.chain")

Unhook = Callable[[], None]


def encode_body(extrinsics: tuple[bytes, ...] | list[bytes]) -> bytes:
    """A block body as stored: ``compact(count) ‖ extrinsics`` (each with its length prefix)."""
    return encode_compact(len(extrinsics)) + b"".join(extrinsics)


def decode_body(data: bytes) -> tuple[bytes, ...]:
    """The extrinsics of a stored body (each with its own length prefix)."""
    count, position = decode_compact(data, 0, "Block.extrinsics")
    extrinsics = []
    for _ in range(count):
        extrinsic, position = split_extrinsic(data, position)
        extrinsics.append(extrinsic)
    if position != len(data):
        raise ValueError(f"block body has {len(data) - position} trailing byte(s)")
    return tuple(extrinsics)


class Chain:
    """Read access to the chain database plus the notification fan-out."""

    def __init__(self, db: ChainDB, state_version: int = 1) -> None:
        if db.genesis_hash is None:
            raise ValueError("the chain database holds no genesis block; commit genesis first")
        self.db = db
        self.state_version = state_version
        self._listeners: list[ChainListener] = []
        self.listener_errors = 0

    # -- pointers ---------------------------------------------------------------------------------

    @property
    def genesis_hash(self) -> bytes:
        """The genesis block hash."""
        return _present(self.db.genesis_hash)

    @property
    def best_hash(self) -> bytes:
        """The best (head) block hash."""
        return _present(self.db.best_hash)

    @property
    def best_number(self) -> int:
        """The best block's number."""
        return self.db.best_number

    @property
    def finalized_hash(self) -> bytes:
        """The last finalized block hash."""
        return _present(self.db.finalized_hash)

    @property
    def finalized_number(self) -> int:
        """The last finalized block's number."""
        return self.db.finalized_number

    def canonical_hash(self, number: int) -> bytes | None:
        """The best chain's block at ``number``."""
        return self.db.canonical_hash(number)

    # -- blocks -----------------------------------------------------------------------------------

    def contains(self, block_hash: bytes) -> bool:
        """Whether the block is stored."""
        return self.db.find_record(block_hash) is not None

    def number(self, block_hash: bytes) -> int | None:
        """The number of a stored block."""
        record = self.db.find_record(block_hash)
        return None if record is None else record.number

    def header(self, block_hash: bytes) -> Header | None:
        """The decoded header of a stored block."""
        raw = self.db.header(block_hash)
        return None if raw is None else Header.decode(raw)

    def header_by_hash(self, block_hash: bytes) -> Header | None:
        """:class:`consensus.verify.HeaderSource`: the stored header with this hash."""
        return self.header(block_hash)

    def body(self, block_hash: bytes) -> tuple[bytes, ...] | None:
        """The extrinsics of a stored block."""
        raw = self.db.body(block_hash)
        return None if raw is None else decode_body(raw)

    def block(self, block_hash: bytes) -> Block | None:
        """A stored block."""
        header = self.header(block_hash)
        body = self.body(block_hash)
        return None if header is None or body is None else Block(header, body)

    def header_and_body(self, block_hash: bytes) -> tuple[Header, tuple[bytes, ...]] | None:
        """``(header, extrinsics)`` of a stored block (``node.events.BlockLookup``)."""
        block = self.block(block_hash)
        return None if block is None else (block.header, block.extrinsics)

    def state_root(self, block_hash: bytes) -> bytes | None:
        """The state root recorded for a stored block."""
        record = self.db.find_record(block_hash)
        return None if record is None else record.state_root

    # -- listeners --------------------------------------------------------------------------------

    def subscribe(self, listener: ChainListener) -> Unhook:
        """Add a listener; the returned function removes it."""
        self._listeners.append(listener)

        def unhook() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unhook

    def notify_imported(self, event: BlockImported) -> None:
        """Tell every listener about an imported block."""
        for listener in list(self._listeners):
            self._deliver(listener.on_block_imported, event, event.block_hash)

    def notify_finalized(self, event: BlocksFinalized) -> None:
        """Tell every listener about newly finalized blocks."""
        for listener in list(self._listeners):
            self._deliver(listener.on_blocks_finalized, event, event.block_hash)

    def notify_rewound(self, event: ChainRewound) -> None:
        """Tell every listener that has ``on_chain_rewound`` about a rewind."""
        for listener in list(self._listeners):
            method = getattr(listener, "on_chain_rewound", None)
            if method is not None:
                self._deliver(method, event, event.block_hash)

    def _deliver(self, method: Callable[[object], None], event: object,
                 block_hash: bytes) -> None:
        # The block is committed whatever a listener does: a failing listener is logged with its
        # traceback and counted, and the others still hear about the block.
        try:
            method(event)
        except Exception:
            self.listener_errors += 1
            log.exception("chain listener failed", listener=repr(method),
                          notification=type(event).__name__, block="0x" + block_hash.hex())

    # -- state comparison -------------------------------------------------------------------------

    def diff_states(self, a_root: bytes, b_root: bytes, limit: int | None = None
                    ) -> list[StateDifference]:
        """:func:`diff_states` over this database's stored nodes."""
        return diff_states(self.db.nodes, a_root, b_root, limit=limit, cache=self.db.cache)

    def compare_changes(self, block_hash: bytes,
                        changes: Sequence[tuple[bytes, bytes | None]]) -> list[StateDifference]:
        """Where a computed change set for ``block_hash`` (e.g. ``StateRootMismatch.changes`` of
        a replay) disagrees with this database's state of the block: ``a_value`` is the computed
        value, ``b_value`` the stored one, over every key either side changed; key order."""
        record = self.db.record(block_hash)
        before = self.db.state_at(record.parent_hash, self.state_version)
        after = self.db.state_at(block_hash, self.state_version)
        ours = dict(changes)
        theirs = {d.key for d in diff_states(self.db.nodes, before.root, after.root,
                                             cache=self.db.cache)}
        out = []
        for key in sorted(theirs | ours.keys()):
            mine = ours[key] if key in ours else before.get(key)
            stored = after.get(key)
            if mine != stored:
                out.append(StateDifference(key, mine, stored))
        return out


def _present(block_hash: bytes | None) -> bytes:
    if block_hash is None:
        raise LookupError("the chain database holds no genesis block")
    return block_hash


def storage_names(pallets: Iterable[Pallet]) -> dict[bytes, str]:
    """``twox128(pallet) ‖ twox128(item)`` → ``"Pallet.Item"`` for every declared item."""
    return {item.prefix: item.full_name for pallet in pallets for item in pallet.storage}


def describe_key(key: bytes, names: dict[bytes, str]) -> str:
    """``Pallet.Item`` (plus the hashed map key in hex) for a declared item's key, the name of a
    well-known ``:key``, else the key in hex."""
    name = names.get(key[:32])
    if name is not None:
        return name if len(key) == 32 else f"{name} 0x{key[32:].hex()}"
    if key.startswith(b":"):
        return key.decode("ascii", errors="replace")
    return "0x" + key.hex()


@dataclass(frozen=True, slots=True)
class StateDifference:
    """One key whose value differs between two states (``None``: absent there)."""

    key: bytes
    a_value: bytes | None
    b_value: bytes | None


def diff_states(nodes: NodeReader, a_root: bytes, b_root: bytes, *, limit: int | None = None,
                cache: NodeCache | None = None, b_nodes: NodeReader | None = None
                ) -> list[StateDifference]:
    """The keys whose values differ between the tries at ``a_root`` and ``b_root``, in key order
    (at most ``limit``). Equal subtrees (equal references at the same path) are never read.
    ``b_nodes`` reads the second trie from another store (a reference database in a replay);
    nodes are content-addressed, so equal references mean equal subtrees across stores too."""
    a = Trie(nodes, a_root, cache=cache)
    b = Trie(nodes if b_nodes is None else b_nodes, b_root,
             cache=cache if b_nodes is None else None)
    out: list[StateDifference] = []
    if a_root == b_root:
        return out
    a_ref = None if a_root == EMPTY_TRIE_ROOT else a_root
    b_ref = None if b_root == EMPTY_TRIE_ROOT else b_root
    for difference in _diff_refs(a, b, a_ref, b_ref, ""):
        out.append(difference)
        if limit is not None and len(out) >= limit:
            break
    return out


def _diff_refs(a: Trie, b: Trie, a_ref: bytes | None, b_ref: bytes | None, path: str
               ) -> Iterator[StateDifference]:
    """Differences between the subtrees referenced at nibble ``path`` in each trie."""
    if a_ref == b_ref:
        return
    a_node = None if a_ref is None else a.load_node(a_ref, path)
    b_node = None if b_ref is None else b.load_node(b_ref, path)
    if a_node is not None and b_node is not None and a_node.partial == b_node.partial:
        full = path + a_node.partial
        yield from _diff_values(a, b, a_node, b_node, full)
        a_children = a_node.children or (None,) * 16
        b_children = b_node.children or (None,) * 16
        for index in range(16):
            yield from _diff_refs(a, b, a_children[index], b_children[index],
                                  full + NIBBLE_CHARS[index])
        return
    yield from _merge_diff(_subtree_items(a, a_node, path), _subtree_items(b, b_node, path))


def _diff_values(a: Trie, b: Trie, a_node: Node, b_node: Node, full: str
                 ) -> Iterator[StateDifference]:
    if a_node.value is None and b_node.value is None:
        return
    if (a_node.value, a_node.value_hashed) == (b_node.value, b_node.value_hashed):
        return
    a_value = a.load_value(a_node, full)
    b_value = b.load_value(b_node, full)
    if a_value != b_value:
        yield StateDifference(nibbles_to_key(full), a_value, b_value)


def _subtree_items(trie: Trie, node: Node | None, path: str) -> Iterator[tuple[bytes, bytes]]:
    """Every (key, value) under a decoded node whose path before its partial is ``path``."""
    if node is None:
        return
    stack: list[tuple[Node, str]] = [(node, path)]
    while stack:
        current, before = stack.pop()
        full = before + current.partial
        if current.value is not None:
            value = trie.load_value(current, full)
            if value is not None:
                yield nibbles_to_key(full), value
        children = current.children or ()
        for index in range(len(children) - 1, -1, -1):
            child = children[index]
            if child is not None:
                child_path = full + NIBBLE_CHARS[index]
                stack.append((trie.load_node(child, child_path), child_path))


def _merge_diff(left: Iterator[tuple[bytes, bytes]], right: Iterator[tuple[bytes, bytes]]
                ) -> Iterator[StateDifference]:
    """Differences of two key-ordered item streams."""
    end = (b"", b"")
    a_item, b_item = next(left, end), next(right, end)
    while a_item is not end or b_item is not end:
        if b_item is end or (a_item is not end and a_item[0] < b_item[0]):
            yield StateDifference(a_item[0], a_item[1], None)
            a_item = next(left, end)
        elif a_item is end or b_item[0] < a_item[0]:
            yield StateDifference(b_item[0], None, b_item[1])
            b_item = next(right, end)
        else:
            if a_item[1] != b_item[1]:
                yield StateDifference(a_item[0], a_item[1], b_item[1])
            a_item, b_item = next(left, end), next(right, end)
