"""A small real node for the RPC method tests: a ChainDB with real blocks, a real pool, a server.

Nothing here is mocked between client and server: blocks are real ``Header``s whose state is
applied through ``storage.overlay`` and committed with ``ChainDB``; the reader is
``rpc.backend.ChainDBReader``; the submitter wraps the real ``node.txpool.TransactionPool`` with a
validator that checks nonces against ``System.Account`` in the block's state; the runtime API
answers a few runtime calls with SCALE built by the real codec.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import struct
from collections.abc import AsyncIterator, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import websockets

from node.txpool import (
    InvalidKind,
    InvalidTransaction,
    TransactionPool,
    TransactionSource,
    ValidTransaction,
    Watcher,
)
from rpc.backend import (
    ChainDBReader,
    Health,
    PeerInfo,
    RpcBackend,
    RuntimeCallError,
    SyncState,
    UnknownBlock,
)
from rpc.config import RpcConfig
from rpc.methods import register_all
from rpc.methods.system import account_key
from rpc.registry import RpcRegistry
from rpc.server import RpcServer
from runtime.primitives.block import Digest, Header, genesis_header
from runtime.primitives.hashing import blake2_256, twox128
from runtime.primitives.scale import encode_compact
from runtime.primitives.scale.common import RuntimeVersion, Weight
from storage.chain_db import ZERO_HASH, ChainDB
from storage.trie import EMPTY_TRIE_ROOT, MemoryNodeStore, Trie

TIMEOUT = 10.0
ALICE = bytes.fromhex("d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d")
ALICE_SS58 = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"
PREFIX = twox128(b"Test") + twox128(b"Items")
SPEC_KEY = b":test:spec_version"
METADATA = b"meta\x0e" + bytes(range(40))
CORE_ID = bytes.fromhex("df6acb689907609b")


def item_key(index: int) -> bytes:
    """The ``index``-th key under ``PREFIX``."""
    return PREFIX + bytes([index])


def account_info(nonce: int) -> bytes:
    """An ``AccountInfo`` with ``nonce`` (the rest is zero): u32 nonce, 3 u32 counters, 4 u64."""
    return struct.pack("<IIII", nonce, 0, 1, 0) + bytes(32)


def genesis_state() -> dict[bytes, bytes]:
    """A small raw genesis state."""
    state = {item_key(i): b"v%d" % i for i in range(1, 6)}
    state[account_key(ALICE)] = account_info(3)
    state[SPEC_KEY] = struct.pack("<I", 425)
    state[b":code"] = b"\x00asm test runtime"
    return state


def make_extrinsic(nonce: int, salt: int = 0, account: bytes = ALICE) -> bytes:
    """A length-prefixed V4 signed-looking test extrinsic: 0x84 ‖ account ‖ nonce ‖ salt."""
    inner = b"\x84" + account + struct.pack("<IB", nonce, salt)
    return encode_compact(len(inner)) + inner


def nonce_tag(account: bytes, nonce: int) -> bytes:
    """The CheckNonce provides tag ``SCALE((account, nonce))``."""
    return account + struct.pack("<I", nonce)


class Chain:
    """Builds and commits real blocks, telling the reader and the pool as a node would."""

    def __init__(self, db: ChainDB) -> None:
        self.db = db
        self.reader = ChainDBReader(db)
        self.pool = TransactionPool(self.validate)
        root_update = Trie(MemoryNodeStore(), EMPTY_TRIE_ROOT, 1).apply(genesis_state().items())
        header = genesis_header(root_update.root)
        self.genesis = header.hash()
        db.commit_block(header=header.encode(), block_hash=self.genesis, number=0,
                        parent_hash=ZERO_HASH, body=b"\x00", update=root_update,
                        changes=sorted(genesis_state().items()))

    def validate(self, source: TransactionSource, extrinsic: bytes, at: bytes) -> Any:
        """The pool's validator: nonce checks against ``System.Account`` at ``at``."""
        account, (nonce, _) = extrinsic[2:34], struct.unpack("<IB", extrinsic[34:39])
        raw = self.reader.storage(at, account_key(account))
        on_chain = 0 if raw is None else struct.unpack_from("<I", raw)[0]
        if nonce < on_chain:
            return InvalidTransaction(InvalidKind.STALE)
        requires = () if nonce == on_chain else (nonce_tag(account, nonce - 1),)
        return ValidTransaction(priority=1, requires=requires,
                                provides=(nonce_tag(account, nonce),), longevity=64)

    def add_block(self, changes: dict[bytes, bytes | None], extrinsics: Sequence[bytes] = (),
                  *, parent: bytes | None = None, best: bool = True,
                  justifications: bytes | None = None) -> bytes:
        """Execute ``changes`` on ``parent`` (default: best) and commit the child block."""
        parent = self.reader.best_hash() if parent is None else parent
        number = self.db.record(parent).number + 1
        overlay = self.db.overlay_at(parent)
        for key, value in changes.items():
            if value is None:
                overlay.clear(key)
            else:
                overlay.set(key, value)
        commit = overlay.commit_set(1)
        header = Header(parent, number, commit.state_root, blake2_256(b"".join(extrinsics)),
                        Digest())
        block_hash = header.hash()
        body = encode_compact(len(extrinsics)) + b"".join(extrinsics)
        self.db.commit_block(header=header.encode(), block_hash=block_hash, number=number,
                             parent_hash=parent, body=body, update=commit.update,
                             changes=commit.changes, justifications=justifications,
                             set_best=best)
        if best:
            self.pool.on_block_imported(block_hash, list(extrinsics), parent_hash=parent)
        self.reader.notify_imported(block_hash, commit.changes, best=best)
        return block_hash

    def finalize(self, block_hash: bytes) -> None:
        """Finalize a block and tell the reader and the pool."""
        self.db.finalize(block_hash)
        self.pool.on_block_finalized(block_hash)
        self.reader.notify_finalized(block_hash)


class PoolSubmitter:
    """``rpc.backend.TransactionSubmitter`` over the real pool (what the node will wire)."""

    def __init__(self, chain: Chain) -> None:
        self.chain = chain

    def submit(self, extrinsic: bytes) -> bytes:
        """Submit at the best block."""
        return self.chain.pool.submit(TransactionSource.EXTERNAL, extrinsic,
                                      self.chain.reader.best_hash())

    def submit_and_watch(self, extrinsic: bytes) -> tuple[bytes, Watcher]:
        """Submit and watch at the best block."""
        return self.chain.pool.submit_and_watch(TransactionSource.EXTERNAL, extrinsic,
                                                self.chain.reader.best_hash())

    def unwatch(self, stream: Any) -> None:
        """Stop a watcher."""
        self.chain.pool.unwatch(stream)

    def pending(self) -> list[bytes]:
        """Ready extrinsics."""
        return self.chain.pool.pending()

    def remove(self, hashes: Sequence[bytes]) -> list[bytes]:
        """Remove and ban."""
        return self.chain.pool.remove(hashes)

    def next_nonce(self, account: bytes, on_chain_nonce: int) -> int:
        """Pool-aware nonce."""
        return self.chain.pool.next_nonce(on_chain_nonce, lambda n: nonce_tag(account, n))


class TestRuntime:
    """``rpc.backend.RuntimeApi`` answering a few runtime calls with real SCALE encodings."""

    __test__ = False

    def __init__(self, chain: Chain) -> None:
        self.reader = chain.reader

    def _known(self, at: bytes) -> None:
        if self.reader.header(at) is None:
            raise UnknownBlock(f"Header was not found in the database: 0x{at.hex()}")

    def _version_bytes(self, at: bytes) -> bytes:
        spec = struct.unpack("<I", self.reader.storage(at, SPEC_KEY) or bytes(4))[0]
        return RuntimeVersion.encode({
            "spec_name": "node-subtensor", "impl_name": "node-subtensor",
            "authoring_version": 1, "spec_version": spec, "impl_version": 1,
            "apis": [(CORE_ID, 5)], "transaction_version": 1, "system_version": 1})

    def version(self, at: bytes) -> Any:
        """The version record decoded by the real SCALE type (spec_version from state)."""
        self._known(at)
        return RuntimeVersion.decode(self._version_bytes(at))

    def metadata(self, at: bytes) -> bytes:
        """Fixed metadata bytes."""
        self._known(at)
        return METADATA

    def call(self, method: str, data: bytes, at: bytes) -> bytes:
        """A handful of runtime APIs."""
        self._known(at)
        if method == "Core_version":
            return self._version_bytes(at)
        if method == "Metadata_metadata_at_version" and data == b"\x0f\x00\x00\x00":
            return b"\x01" + encode_compact(len(METADATA)) + METADATA
        if method == "BlockBuilder_apply_extrinsic":
            return b"\x00\x00"
        if method.startswith("TransactionPaymentApi_"):
            extrinsic, (length,) = data[:-4], struct.unpack("<I", data[-4:])
            if length != len(extrinsic):
                raise RuntimeCallError("Other: length argument does not match")
            if method.endswith("query_info"):
                return (Weight.encode({"ref_time": 1000 * length, "proof_size": 64})
                        + b"\x00" + struct.pack("<Q", 100 + 10 * length))
            return b"\x01" + struct.pack("<QQQQ", 100, 10 * length, 7, 0)
        raise RuntimeCallError(f"Other: Exported method {method} is not found")


@dataclass
class TestNodeInfo:
    """``rpc.backend.NodeInfo`` with fixed facts."""

    __test__ = False
    peer_list: list[PeerInfo] = field(default_factory=list)

    def name(self) -> str:
        """Implementation name."""
        return "tensorchain"

    def version(self) -> str:
        """Implementation version."""
        return "0.1.0-test"

    def chain_name(self) -> str:
        """Chain name."""
        return "Bittensor"

    def chain_type(self) -> str:
        """Chain type."""
        return "Development"

    def properties(self) -> dict[str, Any]:
        """Chain properties."""
        return {"ss58Format": 42, "tokenDecimals": 9, "tokenSymbol": "TAO"}

    def health(self) -> Health:
        """Health."""
        return Health(len(self.peer_list), False, False)

    def peers(self) -> list[PeerInfo]:
        """Peers."""
        return list(self.peer_list)

    def roles(self) -> list[str]:
        """Roles."""
        return ["Authority"]

    def local_peer_id(self) -> str:
        """Peer id."""
        return "12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp"

    def listen_addresses(self) -> list[str]:
        """Listen addresses."""
        return ["/ip4/127.0.0.1/tcp/30333/p2p/" + self.local_peer_id()]

    def sync_state(self) -> SyncState:
        """Sync state."""
        return SyncState(0, None)


class WsClient:
    """A JSON-RPC client over a real WebSocket that keeps notifications aside."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self._ids = itertools.count(1)
        self.notifications: dict[str, list[Any]] = {}
        self._arrived = asyncio.Event()

    async def request(self, method: str, params: Any = None) -> dict[str, Any]:
        """The whole response object of one call."""
        request_id = next(self._ids)
        message: dict[str, Any] = {"jsonrpc": "2.0", "id": request_id, "method": method}
        if params is not None:
            message["params"] = params
        await self.ws.send(json.dumps(message))
        while True:
            reply = await self._receive()
            if reply.get("id") == request_id:
                return reply

    async def call(self, method: str, params: Any = None) -> Any:
        """The result of a call; an error response fails the test."""
        reply = await self.request(method, params)
        assert "error" not in reply, reply
        return reply["result"]

    async def error(self, method: str, params: Any = None) -> dict[str, Any]:
        """The error object of a call that must fail."""
        reply = await self.request(method, params)
        assert "error" in reply, reply
        return reply["error"]

    async def _receive(self) -> dict[str, Any]:
        message = json.loads(await asyncio.wait_for(self.ws.recv(), TIMEOUT))
        if "id" not in message:
            params = message["params"]
            self.notifications.setdefault(params["subscription"], []).append(params["result"])
        return message

    async def next_notification(self, subscription: str) -> Any:
        """Wait for the next notification of ``subscription`` and take it."""
        while not self.notifications.get(subscription):
            await self._receive()
        return self.notifications[subscription].pop(0)

    def pending(self, subscription: str) -> list[Any]:
        """Notifications received and not yet taken."""
        return list(self.notifications.get(subscription, []))


@dataclass
class Node:
    """A running server over a chain, and a connected client."""

    chain: Chain
    server: RpcServer
    client: WsClient


@contextlib.asynccontextmanager
async def running_node(db: ChainDB, config: RpcConfig | None = None,
                       blocks: Iterable[dict[bytes, bytes | None]] = (),
                       node_info: TestNodeInfo | None = None) -> AsyncIterator[Node]:
    """Start a server over ``db`` (genesis plus ``blocks``) and connect a WebSocket client."""
    chain = Chain(db)
    for changes in blocks:
        chain.add_block(changes)
    registry = RpcRegistry()
    register_all(registry, RpcBackend(chain.reader, TestRuntime(chain), PoolSubmitter(chain),
                                      node_info or TestNodeInfo()))
    server = RpcServer(registry, config or RpcConfig(port=0))
    await server.start()
    try:
        async with websockets.connect(server.ws_url, max_size=None) as ws:
            yield Node(chain, server, WsClient(ws))
    finally:
        await server.stop()


def run(coro: Any) -> Any:
    """Run a test coroutine with an overall timeout."""
    return asyncio.run(asyncio.wait_for(coro, 30.0))
