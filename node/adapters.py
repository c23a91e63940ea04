"""The node's implementations of the RPC backend Protocols (:mod:`rpc.backend`).

- :class:`RuntimeAdapter` — ``RuntimeApi``: every runtime call runs on a throw-away overlay of the
  block's state (nothing it writes is kept), through :func:`runtime.apis.dispatch`;
- :class:`PoolSubmitter` — ``TransactionSubmitter`` over :class:`node.txpool.TransactionPool`,
  validating at the best block and waking the sealing driver when a transaction is accepted;
- :func:`pool_validator` — the pool's validator: ``TaggedTransactionQueue_validate_transaction``
  (:func:`runtime.validation.validate_transaction`) on an overlay of the given block;
- :class:`DevTransactionPool` — the pool, able to take back the transactions of blocks a dev
  rewind discarded;
- :class:`OffloadedStateCall` — the ``state_call`` handler the node registers in place of the
  generic one: the runtime call runs in a small read-only thread pool;
- :class:`DevNodeInfo` — ``NodeInfo`` of a single dev node without peers.

**Threads.** The pool, its validator and the submitter run on the event loop's thread (the pool
is thread-confined to it; a validation is one ``validate_transaction`` on an overlay, a signature
check and a few reads, so each submission costs the loop about a millisecond). ``state_call``
runs in :class:`OffloadedStateCall`'s reader threads, so a slow runtime API never stalls RPC:
it only reads committed state through a throw-away overlay, which ``storage.chain_db`` allows from
any thread, and the runtime keeps no mutable state of its own.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata as package_metadata
from typing import Any

from node.txpool import (
    PoolError,
    TransactionPool,
    TransactionSource,
    Watcher,
    decode_validity,
    extrinsic_hash,
)
from node.txpool.pool import is_bare
from rpc.backend import (
    ChainReader,
    Health,
    PeerInfo,
    RuntimeApi,
    RuntimeCallError,
    SyncState,
    UnknownBlock,
)
from rpc.jsonrpc import JSON, Params
from rpc.methods.common import block_param, hex0x, runtime_read
from runtime.apis import RuntimeApiError, dispatch
from runtime.extrinsic.validity import TransactionSource as RuntimeSource
from runtime.extrinsic.validity import encode_transaction_validity
from runtime.node_runtime import NodeRuntime
from runtime.primitives.scale import U32
from runtime.primitives.scale.common import RuntimeVersion
from runtime.primitives.ss58 import b58encode
from runtime.validation import validate_transaction
from storage.chain_db import ChainDB
from storage.errors import BlockNotFoundError, StatePrunedError
from storage.overlay import Overlay


def overlay_at(db: ChainDB, at: bytes, state_version: int) -> Overlay:
    """A throw-away overlay on the state of ``at``; raises :class:`UnknownBlock`."""
    try:
        return db.overlay_at(at, state_version)
    except BlockNotFoundError:
        raise UnknownBlock(f"Header was not found in the database: 0x{at.hex()}") from None
    except StatePrunedError:
        raise UnknownBlock(f"State already discarded for 0x{at.hex()}") from None


class RuntimeAdapter:
    """``rpc.backend.RuntimeApi`` over the assembled runtime."""

    def __init__(self, db: ChainDB, node: NodeRuntime) -> None:
        self.db = db
        self.node = node
        self.state_version = node.version.state_version

    def call(self, method: str, data: bytes, at: bytes) -> bytes:
        """Run runtime API ``method`` on the state of ``at``; nothing written is kept."""
        overlay = overlay_at(self.db, at, self.state_version)
        try:
            return bytes(dispatch(method, bytes(data), overlay, self.node))
        except RuntimeApiError as exc:
            raise RuntimeCallError(str(exc)) from None

    def version(self, at: bytes) -> Any:
        """The decoded ``RuntimeVersion`` in force at ``at`` (one runtime for the whole chain)."""
        self._known(at)
        return RuntimeVersion.decode(self.node.runtime_version())

    def metadata(self, at: bytes) -> bytes:
        """V14 metadata bytes (``"meta" ‖ 0x0e ‖ …``)."""
        self._known(at)
        return self.node.metadata.metadata_bytes(14)

    def _known(self, at: bytes) -> None:
        if self.db.find_record(at) is None:
            raise UnknownBlock(f"Header was not found in the database: 0x{at.hex()}")


class OffloadedStateCall:
    """``state_call [method, data, hash?]`` (alias ``state_callAt``) with the runtime call in a
    read-only worker pool; parameters, results and errors exactly as :mod:`rpc.methods.state`."""

    def __init__(self, reader: ChainReader, runtime: RuntimeApi, workers: int = 2) -> None:
        self.reader = reader
        self.runtime = runtime
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="state-call")

    async def __call__(self, params: Params) -> JSON:
        """The SCALE result as hex."""
        params.at_most(3)
        method = params.get(0, "name", str)
        data = params.hex_bytes(1, "bytes")
        at = block_param(params, 2, "hash", self.reader)
        loop = asyncio.get_running_loop()
        result = await loop.run_in_executor(
            self._executor, lambda: runtime_read(lambda: self.runtime.call(method, data, at)))
        return hex0x(result)

    def close(self) -> None:
        """Stop the worker threads (after the calls in progress)."""
        self._executor.shutdown(wait=True)


def pool_validator(db: ChainDB, node: NodeRuntime) -> Callable[[TransactionSource, bytes, bytes],
                                                               Any]:
    """The pool's validator: the runtime's ``validate_transaction`` at block ``at``."""
    state_version = node.version.state_version

    def validate(source: TransactionSource, extrinsic: bytes, at: bytes) -> Any:
        overlay = overlay_at(db, at, state_version)
        validity = validate_transaction(node.executive, overlay, RuntimeSource(int(source)),
                                        extrinsic, at)
        return decode_validity(encode_transaction_validity(validity))

    return validate


class DevTransactionPool(TransactionPool):
    """The transaction pool of a dev node. A dev rewind may discard finalized blocks, which the
    pool no longer tracks, so it cannot take their transactions back by itself (it does for the
    unfinalized blocks it tracks): :meth:`take_back` does, past the ban their inclusion set."""

    def take_back(self, extrinsics: Sequence[bytes], at: bytes) -> int:
        """Re-validate discarded signed ``extrinsics`` (oldest first) at ``at`` and import
        them as the pool does a retracted block's, bans aside; skipped: bare extrinsics, those
        already in the pool and those that no longer validate. How many were taken back."""
        taken = 0
        for extrinsic in map(bytes, extrinsics):
            tx_hash = extrinsic_hash(extrinsic)
            if is_bare(extrinsic) or self.contains(tx_hash):
                continue
            try:
                self._submit(TransactionSource.EXTERNAL, extrinsic, at, tx_hash, watch=None,
                             check_ban=False)
            except PoolError:
                continue
            taken += 1
        return taken


def nonce_tag(account: bytes, nonce: int) -> bytes:
    """CheckNonce's provides tag ``SCALE((AccountId32, u32))``."""
    return bytes(account) + U32.encode(nonce)


class PoolSubmitter:
    """``rpc.backend.TransactionSubmitter`` over the pool; submissions are validated at the best
    block, and ``on_accepted`` (the sealing driver's ``notify_transaction``) is told."""

    def __init__(self, pool: TransactionPool, best_hash: Callable[[], bytes],
                 on_accepted: Callable[[], None] = lambda: None) -> None:
        self.pool = pool
        self.best_hash = best_hash
        self.on_accepted = on_accepted
        self.submitted = 0

    def submit(self, extrinsic: bytes) -> bytes:
        """Validate at the best block and import; the transaction hash."""
        tx_hash = self.pool.submit(TransactionSource.EXTERNAL, extrinsic, self.best_hash())
        self._accepted()
        return tx_hash

    def submit_and_watch(self, extrinsic: bytes) -> tuple[bytes, Watcher]:
        """As :meth:`submit`, with the transaction's status stream."""
        result = self.pool.submit_and_watch(TransactionSource.EXTERNAL, extrinsic,
                                            self.best_hash())
        self._accepted()
        return result

    def _accepted(self) -> None:
        self.submitted += 1
        self.on_accepted()

    def unwatch(self, stream: Any) -> None:
        """Stop a status stream."""
        self.pool.unwatch(stream)

    def pending(self) -> list[bytes]:
        """Ready extrinsics in inclusion order."""
        return self.pool.pending()

    def remove(self, hashes: Sequence[bytes]) -> list[bytes]:
        """Remove and ban."""
        return self.pool.remove(hashes)

    def next_nonce(self, account: bytes, on_chain_nonce: int) -> int:
        """The on-chain nonce advanced past the account's ready transactions."""
        return self.pool.next_nonce(on_chain_nonce, lambda n: nonce_tag(account, n))


def peer_id_from_ed25519(public_key: bytes) -> str:
    """The libp2p peer id of an ed25519 key: base58 of the identity multihash of the protobuf
    ``PublicKey { Type: Ed25519, Data: key }``."""
    protobuf = b"\x08\x01\x12\x20" + bytes(public_key)
    return b58encode(b"\x00" + bytes([len(protobuf)]) + protobuf)


def package_version() -> str:
    """The installed tensorchain version."""
    try:
        return package_metadata.version("tensorchain")
    except package_metadata.PackageNotFoundError:
        return "0.0.0"


class DevNodeInfo:
    """``rpc.backend.NodeInfo`` of a single dev node: no peers, never syncing, an authority."""

    def __init__(self, chain_name: str, node_key: bytes, start_block: int = 0) -> None:
        self._chain_name = chain_name
        self._peer_id = peer_id_from_ed25519(node_key)
        self._start_block = start_block

    def name(self) -> str:
        """``system_name``."""
        return "tensorchain"

    def version(self) -> str:
        """``system_version``."""
        return package_version()

    def chain_name(self) -> str:
        """``system_chain``."""
        return self._chain_name

    def chain_type(self) -> str:
        """``system_chainType``."""
        return "Development"

    def properties(self) -> dict[str, Any]:
        """Bittensor's chain properties."""
        return {"ss58Format": 42, "tokenDecimals": 9, "tokenSymbol": "TAO"}

    def health(self) -> Health:
        """No peers, not syncing, none expected."""
        return Health(peers=0, is_syncing=False, should_have_peers=False)

    def peers(self) -> list[PeerInfo]:
        """No peers."""
        return []

    def roles(self) -> list[str]:
        """The dev node authors blocks."""
        return ["Authority"]

    def local_peer_id(self) -> str:
        """A peer id derived from the node key."""
        return self._peer_id

    def listen_addresses(self) -> list[str]:
        """A dev node does not listen for peers."""
        return []

    def sync_state(self) -> SyncState:
        """Where this run started; no peers to sync from."""
        return SyncState(starting_block=self._start_block, highest_block=None)
