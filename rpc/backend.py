"""What the RPC methods read and write through: small Protocols the node implements.

``rpc`` may not import ``node`` or ``network`` (import-linter), so the Substrate method set in
:mod:`rpc.methods` talks to the chain only through the four interfaces below, bundled in an
:class:`RpcBackend`:

- :class:`ChainReader` — blocks, chain pointers, state at a block and change notifications;
  :class:`ChainDBReader` implements it over :class:`storage.chain_db.ChainDB` (the node calls its
  ``notify_*`` methods after each commit);
- :class:`RuntimeApi` — ``state_call``, the runtime version and the metadata at a block;
- :class:`TransactionSubmitter` — the transaction pool seen from ``author_*``;
- :class:`NodeInfo` — identity, chain spec facts, network health and peers.

Every block hash is 32 raw bytes. Reader and submitter calls are made on the event-loop thread;
notification callbacks may be called from any thread (the methods hop onto the loop).
Failures cross the boundary as the two exceptions defined here (:class:`UnknownBlock`,
:class:`RuntimeCallError`) or, for the pool, as any exception carrying ``to_rpc_error()``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from storage.chain_db import ChainDB
from storage.errors import BlockNotFoundError, StatePrunedError
from storage.trie.proof import read_proof

Unhook = Callable[[], None]
"""Removes the listener a ``subscribe_*`` hook added."""

HashListener = Callable[[bytes], None]
"""Called with a block hash."""

StorageChanges = Sequence[tuple[bytes, bytes | None]]
"""The keys a block changed, with their new values (``None`` = removed)."""

StorageListener = Callable[[bytes, StorageChanges], None]
"""Called with a new best block hash and the storage changes it made."""


class UnknownBlock(Exception):
    """A block (or its state) the reader does not have; the message is Substrate's detail,
    e.g. ``"Header was not found in the database: 0x…"``."""


class RuntimeCallError(Exception):
    """A runtime call failed; the message follows ``"Execution failed: "`` on the wire
    (e.g. ``"Other: Exported method X is not found"``)."""


class ChainReader(Protocol):
    """Read access to the chain database plus notification hooks."""

    def genesis_hash(self) -> bytes:
        """The genesis block hash."""
        ...

    def best_hash(self) -> bytes:
        """The best (head) block hash."""
        ...

    def best_number(self) -> int:
        """The best block number."""
        ...

    def finalized_hash(self) -> bytes:
        """The last finalized block hash."""
        ...

    def canonical_hash(self, number: int) -> bytes | None:
        """The best chain's block at ``number``, or ``None`` above the head."""
        ...

    def header(self, block_hash: bytes) -> bytes | None:
        """The SCALE header of a known block, else ``None``."""
        ...

    def body(self, block_hash: bytes) -> bytes | None:
        """The SCALE body (``compact(count) ‖ extrinsics``) of a known block, else ``None``."""
        ...

    def justifications(self, block_hash: bytes) -> bytes | None:
        """The SCALE ``Justifications`` stored with a block, if any."""
        ...

    def storage(self, at: bytes, key: bytes) -> bytes | None:
        """The value of ``key`` in the state of block ``at``; raises :class:`UnknownBlock`."""
        ...

    def iter_keys(self, at: bytes, prefix: bytes, start: bytes = b"") -> Iterator[bytes]:
        """Keys under ``prefix`` from ``start`` (inclusive), in order; raises
        :class:`UnknownBlock`."""
        ...

    def read_proof(self, at: bytes, keys: Sequence[bytes]) -> list[bytes]:
        """The trie nodes proving ``keys`` at ``at``; raises :class:`UnknownBlock`."""
        ...

    def subscribe_new_heads(self, listener: HashListener) -> Unhook:
        """Call ``listener(hash)`` for every new best block."""
        ...

    def subscribe_all_heads(self, listener: HashListener) -> Unhook:
        """Call ``listener(hash)`` for every imported block, best or not."""
        ...

    def subscribe_finalized_heads(self, listener: HashListener) -> Unhook:
        """Call ``listener(hash)`` for every newly finalized block."""
        ...

    def subscribe_storage(self, listener: StorageListener) -> Unhook:
        """Call ``listener(hash, changes)`` for every new best block."""
        ...


class VersionInfo(Protocol):
    """A decoded ``sp_version::RuntimeVersion`` (the SCALE ``RuntimeVersion`` record)."""

    spec_name: str
    impl_name: str
    authoring_version: int
    spec_version: int
    impl_version: int
    apis: Sequence[tuple[bytes, int]]
    transaction_version: int
    system_version: int


class RuntimeApi(Protocol):
    """The runtime at a block; every call raises :class:`RuntimeCallError` or
    :class:`UnknownBlock` on failure."""

    def call(self, method: str, data: bytes, at: bytes) -> bytes:
        """Run runtime API ``method`` (e.g. ``"Core_version"``) on SCALE ``data``."""
        ...

    def version(self, at: bytes) -> VersionInfo:
        """The runtime version in force at ``at``."""
        ...

    def metadata(self, at: bytes) -> bytes:
        """The V14 metadata (``"meta" ‖ 0x0e ‖ …``, the bytes inside ``OpaqueMetadata``)."""
        ...


class StatusStream(Protocol):
    """The status stream of one watched transaction: ``author_extrinsicUpdate`` results
    (JSON values, sent verbatim), ending after a final status or ``unwatch``."""

    def __aiter__(self) -> AsyncIterator[Any]:
        """Iterate over statuses."""
        ...


class TransactionSubmitter(Protocol):
    """The transaction pool as ``author_*`` uses it. Refusals raise an exception whose
    ``to_rpc_error()`` returns the JSON-RPC error object (``{"code", "message", "data"?}``)."""

    def submit(self, extrinsic: bytes) -> bytes:
        """Validate at the best block and import; returns the transaction hash."""
        ...

    def submit_and_watch(self, extrinsic: bytes) -> tuple[bytes, StatusStream]:
        """As :meth:`submit`, plus the stream of the transaction's statuses."""
        ...

    def unwatch(self, stream: StatusStream) -> None:
        """Stop the stream (the client unsubscribed or went away)."""
        ...

    def pending(self) -> list[bytes]:
        """Encoded ready extrinsics in inclusion order."""
        ...

    def remove(self, hashes: Sequence[bytes]) -> list[bytes]:
        """Remove and ban the given transactions; returns the hashes actually removed."""
        ...

    def next_nonce(self, account: bytes, on_chain_nonce: int) -> int:
        """``on_chain_nonce`` advanced past the account's ready transactions."""
        ...


@dataclass(frozen=True, slots=True)
class Health:
    """``system_health``."""

    peers: int
    is_syncing: bool
    should_have_peers: bool


@dataclass(frozen=True, slots=True)
class PeerInfo:
    """One entry of ``system_peers``."""

    peer_id: str
    roles: str
    best_hash: bytes
    best_number: int


@dataclass(frozen=True, slots=True)
class SyncState:
    """``system_syncState`` minus ``currentBlock`` (read from the chain)."""

    starting_block: int
    highest_block: int | None


class NodeInfo(Protocol):
    """Facts about this node and its chain spec."""

    def name(self) -> str:
        """The implementation name (``system_name``)."""
        ...

    def version(self) -> str:
        """The implementation version (``system_version``)."""
        ...

    def chain_name(self) -> str:
        """The chain spec name, e.g. ``"Bittensor"``."""
        ...

    def chain_type(self) -> str | dict[str, str]:
        """``"Development"``, ``"Local"``, ``"Live"`` or ``{"Custom": name}``."""
        ...

    def properties(self) -> dict[str, Any]:
        """The chain spec properties (``ss58Format``, ``tokenDecimals``, ``tokenSymbol``)."""
        ...

    def health(self) -> Health:
        """Peer count and sync status."""
        ...

    def peers(self) -> list[PeerInfo]:
        """Connected peers."""
        ...

    def roles(self) -> list[str]:
        """Node roles, e.g. ``["Full"]`` or ``["Authority"]``."""
        ...

    def local_peer_id(self) -> str:
        """The base58 libp2p peer id."""
        ...

    def listen_addresses(self) -> list[str]:
        """Multiaddresses this node listens on, each ending in ``/p2p/<peer id>``."""
        ...

    def sync_state(self) -> SyncState:
        """Where syncing started and the highest block seen from peers."""
        ...


@dataclass(frozen=True, slots=True)
class RpcBackend:
    """Everything the Substrate method set needs; see :func:`rpc.methods.register_all`."""

    reader: ChainReader
    runtime: RuntimeApi
    submitter: TransactionSubmitter
    node: NodeInfo


class ChainDBReader:
    """A :class:`ChainReader` over a :class:`ChainDB`.

    The node calls :meth:`notify_imported` after committing a block (with the changes it
    committed and whether it became best) and :meth:`notify_finalized` after a finalization.
    Listeners run in the caller's thread, in registration order; one that raises is a bug and
    propagates.
    """

    def __init__(self, db: ChainDB, state_version: int = 1) -> None:
        self.db = db
        self.state_version = state_version
        self._new: list[HashListener] = []
        self._all: list[HashListener] = []
        self._final: list[HashListener] = []
        self._storage: list[StorageListener] = []

    def genesis_hash(self) -> bytes:
        """The genesis block hash."""
        return _required(self.db.genesis_hash)

    def best_hash(self) -> bytes:
        """The best block hash."""
        return _required(self.db.best_hash)

    def best_number(self) -> int:
        """The best block number."""
        return self.db.best_number

    def finalized_hash(self) -> bytes:
        """The finalized block hash."""
        return _required(self.db.finalized_hash)

    def canonical_hash(self, number: int) -> bytes | None:
        """The canonical hash at ``number``."""
        return self.db.canonical_hash(number)

    def header(self, block_hash: bytes) -> bytes | None:
        """The SCALE header."""
        return self.db.header(block_hash)

    def body(self, block_hash: bytes) -> bytes | None:
        """The SCALE body."""
        return self.db.body(block_hash)

    def justifications(self, block_hash: bytes) -> bytes | None:
        """The SCALE justifications."""
        return self.db.justifications(block_hash)

    def _view(self, at: bytes) -> Any:
        try:
            return self.db.reader_at(at, self.state_version)
        except BlockNotFoundError:
            raise UnknownBlock(f"Header was not found in the database: 0x{at.hex()}") from None
        except StatePrunedError:
            raise UnknownBlock(f"State already discarded for 0x{at.hex()}") from None

    def storage(self, at: bytes, key: bytes) -> bytes | None:
        """A value at ``at``."""
        return self._view(at).get(key)

    def iter_keys(self, at: bytes, prefix: bytes, start: bytes = b"") -> Iterator[bytes]:
        """Keys under ``prefix`` from ``start``."""
        return self._view(at).iter_keys(start, prefix)

    def read_proof(self, at: bytes, keys: Sequence[bytes]) -> list[bytes]:
        """A read proof at ``at``."""
        return read_proof(self._view(at).trie, keys)

    def subscribe_new_heads(self, listener: HashListener) -> Unhook:
        """Listen to new best blocks."""
        return _hook(self._new, listener)

    def subscribe_all_heads(self, listener: HashListener) -> Unhook:
        """Listen to every imported block."""
        return _hook(self._all, listener)

    def subscribe_finalized_heads(self, listener: HashListener) -> Unhook:
        """Listen to finalized blocks."""
        return _hook(self._final, listener)

    def subscribe_storage(self, listener: StorageListener) -> Unhook:
        """Listen to the storage changes of new best blocks."""
        return _hook(self._storage, listener)

    def notify_imported(self, block_hash: bytes, changes: StorageChanges, *, best: bool) -> None:
        """Tell listeners a block was committed (``best``: it is now the head)."""
        for listener in list(self._all):
            listener(block_hash)
        if not best:
            return
        for listener in list(self._new):
            listener(block_hash)
        for storage_listener in list(self._storage):
            storage_listener(block_hash, changes)

    def notify_finalized(self, block_hash: bytes) -> None:
        """Tell listeners a block was finalized."""
        for listener in list(self._final):
            listener(block_hash)


def _required(block_hash: bytes | None) -> bytes:
    if block_hash is None:
        raise UnknownBlock("the chain database holds no genesis block")
    return block_hash


def _hook(listeners: list[Any], listener: Any) -> Unhook:
    listeners.append(listener)

    def unhook() -> None:
        if listener in listeners:
            listeners.remove(listener)

    return unhook
