"""The node's implementations of the RPC backend Protocols (:mod:`rpc.backend`).

- :class:`RuntimeAdapter` — ``RuntimeApi``: every runtime call runs on a throw-away overlay of the
  block's state (nothing it writes is kept), through :func:`runtime.apis.dispatch`;
- :class:`PoolSubmitter` — ``TransactionSubmitter`` over :class:`node.txpool.TransactionPool`,
  validating at the best block and waking the sealing driver when a transaction is accepted;
- :func:`pool_validator` — the pool's validator: ``TaggedTransactionQueue_validate_transaction``
  (:func:`runtime.validation.validate_transaction`) on an overlay of the given block;
- :class:`DevNodeInfo` — ``NodeInfo`` of a single dev node without peers.

Every method here runs on the event loop's thread (the pool is thread-confined to it); the
runtime calls are short, block execution itself never happens here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from importlib import metadata as package_metadata
from typing import Any

from node.txpool import TransactionPool, TransactionSource, Watcher, decode_validity
from rpc.backend import Health, PeerInfo, RuntimeCallError, SyncState, UnknownBlock
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


def pool_validator(db: ChainDB, node: NodeRuntime) -> Callable[[TransactionSource, bytes, bytes],
                                                               Any]:
    """The pool's validator: the runtime's ``validate_transaction`` at block ``at``."""
    state_version = node.version.state_version

    def validate(source: TransactionSource, extrinsic: bytes, at: bytes) -> Any:
        overlay = overlay_at(db, at, state_version)
        validity = validate_transaction(node.executive, overlay,
                                                   RuntimeSource(int(source)), extrinsic, at)
        return decode_validity(encode_transaction_validity(validity))

    return validate


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
