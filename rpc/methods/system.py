"""``system_*`` and ``account_nextIndex``: node identity, health, peers and account nonces.

Identity and network facts come from :class:`~rpc.backend.NodeInfo`; ``currentBlock`` of
``system_syncState`` and the on-chain nonce come from the chain. ``system_accountNextIndex``
reads ``System.Account`` at the best block and lets the pool advance it past the account's ready
transactions. ``system_dryRun`` applies an extrinsic through ``BlockBuilder_apply_extrinsic``
without keeping its effects; its errors use the codes of Substrate's system RPC (1 runtime,
2 decode).
"""

from __future__ import annotations

from rpc.backend import (
    ChainReader,
    NodeInfo,
    RuntimeApi,
    RuntimeCallError,
    TransactionSubmitter,
    UnknownBlock,
)
from rpc.errors import RpcError, invalid_params
from rpc.jsonrpc import JSON, Params
from rpc.methods.common import block_param, extrinsic_format_error, hex0x
from rpc.registry import RpcRegistry
from runtime.primitives.hashing import blake2_128_concat, twox128
from runtime.primitives.ss58 import decode_account_id

SYSTEM_ACCOUNT_PREFIX = twox128(b"System") + twox128(b"Account")
"""``twox128("System") ‖ twox128("Account")``: the ``System.Account`` map prefix."""

DRY_RUN_RUNTIME_ERROR = 1
DRY_RUN_DECODE_ERROR = 2
DRY_RUN_MSG = "Unable to dry run extrinsic"


def account_key(account: bytes) -> bytes:
    """The ``System.Account`` storage key of a 32-byte account id."""
    return SYSTEM_ACCOUNT_PREFIX + blake2_128_concat(account)


def register(registry: RpcRegistry, reader: ChainReader, runtime: RuntimeApi,
             submitter: TransactionSubmitter, node: NodeInfo) -> None:
    """Register the ``system_*`` methods and ``account_nextIndex``."""
    api = SystemMethods(reader, runtime, submitter, node)
    registry.register("system_name", api.name)
    registry.register("system_version", api.version)
    registry.register("system_chain", api.chain)
    registry.register("system_chainType", api.chain_type)
    registry.register("system_properties", api.properties)
    registry.register("system_health", api.health)
    registry.register("system_peers", api.peers, unsafe=True)
    registry.register("system_localPeerId", api.local_peer_id)
    registry.register("system_localListenAddresses", api.local_listen_addresses)
    registry.register("system_nodeRoles", api.node_roles)
    registry.register("system_syncState", api.sync_state)
    registry.register("system_accountNextIndex", api.account_next_index,
                      aliases=("account_nextIndex",))
    registry.register("system_dryRun", api.dry_run, unsafe=True, aliases=("system_dryRunAt",))


class SystemMethods:
    """The handlers."""

    def __init__(self, reader: ChainReader, runtime: RuntimeApi,
                 submitter: TransactionSubmitter, node: NodeInfo) -> None:
        self.reader = reader
        self.runtime = runtime
        self.submitter = submitter
        self.node = node

    async def name(self, params: Params) -> JSON:
        """``system_name`` → implementation name."""
        return self.node.name()

    async def version(self, params: Params) -> JSON:
        """``system_version`` → implementation version."""
        return self.node.version()

    async def chain(self, params: Params) -> JSON:
        """``system_chain`` → chain name, e.g. ``"Bittensor"``."""
        return self.node.chain_name()

    async def chain_type(self, params: Params) -> JSON:
        """``system_chainType`` → ``"Development"`` / ``"Local"`` / ``"Live"`` / custom."""
        return self.node.chain_type()

    async def properties(self, params: Params) -> JSON:
        """``system_properties`` → the chain spec properties object."""
        return self.node.properties()

    async def health(self, params: Params) -> JSON:
        """``system_health`` → ``{"peers", "isSyncing", "shouldHavePeers"}``."""
        health = self.node.health()
        return {"peers": health.peers, "isSyncing": health.is_syncing,
                "shouldHavePeers": health.should_have_peers}

    async def peers(self, params: Params) -> JSON:
        """``system_peers`` (unsafe) → ``[{"peerId", "roles", "bestHash", "bestNumber"}]``."""
        return [{"peerId": peer.peer_id, "roles": peer.roles, "bestHash": hex0x(peer.best_hash),
                 "bestNumber": peer.best_number} for peer in self.node.peers()]

    async def local_peer_id(self, params: Params) -> JSON:
        """``system_localPeerId`` → base58 peer id."""
        return self.node.local_peer_id()

    async def local_listen_addresses(self, params: Params) -> JSON:
        """``system_localListenAddresses`` → multiaddresses."""
        return self.node.listen_addresses()

    async def node_roles(self, params: Params) -> JSON:
        """``system_nodeRoles`` → e.g. ``["Full"]``."""
        return self.node.roles()

    async def sync_state(self, params: Params) -> JSON:
        """``system_syncState`` → ``{"startingBlock", "currentBlock", "highestBlock"}``."""
        state = self.node.sync_state()
        current = self.reader.best_number()
        highest = current if state.highest_block is None else max(state.highest_block, current)
        return {"startingBlock": state.starting_block, "currentBlock": current,
                "highestBlock": highest}

    async def account_next_index(self, params: Params) -> JSON:
        """``system_accountNextIndex [account]`` → the next nonce, counting pooled transactions."""
        params.at_most(1)
        value = params.get(0, "account", str)
        try:
            account = decode_account_id(value)  # type: ignore[arg-type]
        except ValueError as exc:
            raise invalid_params(f'parameter 0 ("account"): {exc}') from None
        try:
            raw = self.reader.storage(self.reader.best_hash(), account_key(account))
        except UnknownBlock as exc:
            raise RpcError(DRY_RUN_RUNTIME_ERROR, "Unable to query nonce.", str(exc)) from None
        on_chain = int.from_bytes(raw[:4], "little") if raw is not None and len(raw) >= 4 else 0
        return self.submitter.next_nonce(account, on_chain)

    async def dry_run(self, params: Params) -> JSON:
        """``system_dryRun [extrinsic, hash?]`` (unsafe) → SCALE ``ApplyExtrinsicResult`` hex."""
        params.at_most(2)
        extrinsic = params.hex_bytes(0, "extrinsic")
        at = block_param(params, 1, "at", self.reader)
        problem = extrinsic_format_error(extrinsic)  # type: ignore[arg-type]
        if problem is not None:
            raise RpcError(DRY_RUN_DECODE_ERROR, DRY_RUN_MSG, problem)
        try:
            result = self.runtime.call("BlockBuilder_apply_extrinsic",
                                       extrinsic, at)  # type: ignore[arg-type]
        except (RuntimeCallError, UnknownBlock) as exc:
            raise RpcError(DRY_RUN_RUNTIME_ERROR, DRY_RUN_MSG + ".", str(exc)) from None
        return hex0x(result)
