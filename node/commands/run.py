"""``tensorchain run``: a node on a chain spec, optionally an Aura/GRANDPA validator.

``--chain`` names the genesis: ``dev`` (Alice the only authority), ``local`` (Alice and Bob
authorities) or a raw or plain chain spec file. The chain lives in LevelDB under
``<base-path>/chains/<spec id>/db`` (``--tmp``: in memory); a database made from another genesis
is refused. Without ``--validator`` the node serves JSON-RPC over its stored chain and builds
nothing. With ``--validator`` a :class:`consensus.slots.SlotWorker` wakes at each Aura slot
(the runtime's ``Aura.SlotDuration``) and authors only the slots the local sr25519 key owns; a
block is finalized by the local ed25519 key when that key is the only GRANDPA authority, else left
unfinalized. There is no peer-to-peer networking yet: ``--port`` is accepted and reported only.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import signal
from pathlib import Path
from typing import Any

import click
import structlog

from chainspec.dev import DEV_FIELDS, dev_raw_spec
from chainspec.errors import ChainSpecError
from chainspec.genesis import build_genesis
from chainspec.plain import PlainChainSpec, load_chain_spec
from chainspec.raw import RawChainSpec
from consensus.aura import slot_digest
from consensus.grandpa import AuthoritySet, encode_justifications, finalize_with_local_keys
from consensus.sealing import SealingPolicy
from consensus.slots import SlotClaim, SlotWorker
from node.adapters import DevNodeInfo, RuntimeAdapter
from node.author import aura_sealer
from node.commands.dev import run_loop
from node.config import ConfigError, LogFormat, NodeConfig
from node.service import NodeService, OverridingRegistry
from rpc.backend import RpcBackend
from rpc.config import RpcConfig
from rpc.methods import register_all
from rpc.registry import RpcRegistry
from runtime.extrinsic.format import UncheckedExtrinsic
from runtime.genesis_config import dev_genesis_config
from runtime.pallets.aura import pallet as aura
from runtime.pallets.grandpa import pallet as grandpa
from runtime.pallets.timestamp import pallet as timestamp
from runtime.primitives.block import GRANDPA_ENGINE_ID
from runtime.primitives.keys import DEV_ACCOUNT_NAMES, DEV_ACCOUNTS

log = structlog.get_logger("node.run")

LOCAL_FIELDS: dict[str, Any] = {**DEV_FIELDS, "name": "Local Testnet", "id": "local",
                                "chainType": "Local"}


def local_raw_spec() -> RawChainSpec:
    """The ``local`` preset: the dev balances and sudo, Alice and Bob Aura/GRANDPA authorities."""
    alice, bob = DEV_ACCOUNTS["Alice"], DEV_ACCOUNTS["Bob"]
    config = dataclasses.replace(
        dev_genesis_config(),
        aura_authorities=(alice.sr25519.public_key, bob.sr25519.public_key),
        grandpa_authorities=((alice.ed25519.public_key, 1), (bob.ed25519.public_key, 1)))
    return PlainChainSpec(config, None, dict(LOCAL_FIELDS)).to_raw()


def resolve_chain(chain: str) -> RawChainSpec:
    """The raw spec ``--chain`` names (a preset or a raw/plain spec file)."""
    if chain == "dev":
        return dev_raw_spec()
    if chain == "local":
        return local_raw_spec()
    try:
        spec = load_chain_spec(chain)
        return spec.to_raw() if isinstance(spec, PlainChainSpec) else spec
    except ChainSpecError as exc:
        raise ConfigError(f"--chain: {exc}") from None


@dataclasses.dataclass(frozen=True, slots=True)
class RunOptions:
    """The ``tensorchain run`` flags besides the node config."""

    validator: bool = False
    key_name: str | None = None
    port: int = 30333


def run_config(spec: RawChainSpec, *, base_path: str | None, tmp: bool, rpc_port: int = 9944,
               prometheus_port: int | None = None, log_format: str = "auto",
               fast_blocks: bool = False) -> NodeConfig:
    """The node config of ``tensorchain run`` (sealing ``manual``: the slot worker authors)."""
    if base_path is None and not tmp:
        raise ConfigError("--base-path is required (or --tmp for an in-memory chain)")
    try:
        rpc = RpcConfig.from_flags(rpc_port=rpc_port, rpc_external=False, rpc_cors=None,
                                   rpc_methods="auto", dev=False)
        fmt = LogFormat(log_format.lower())
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    return NodeConfig(rpc=rpc, sealing=SealingPolicy.parse("manual", finalize=False),
                      base_path=None if tmp else Path(str(base_path)),
                      prometheus_port=prometheus_port, log_format=fmt, fast_blocks=fast_blocks,
                      chain_name=str(spec.fields.get("name", "Unnamed")),
                      chain_id=str(spec.fields.get("id", "unnamed")), node_name="tensorchain")


class ValidatorService(NodeService):
    """A :class:`NodeService` on a chain spec whose blocks come from an Aura slot worker (when
    a validator key is set) instead of the dev sealing driver; no ``dev_*`` RPC methods."""

    def __init__(self, config: NodeConfig, spec: RawChainSpec, options: RunOptions) -> None:
        super().__init__(config, spec)
        expected = build_genesis(spec, self.state_version).hash
        if self.chain.genesis_hash != expected:
            self.db.close()
            raise ConfigError(f"the database under {config.db_path} holds genesis "
                              f"0x{self.chain.genesis_hash.hex()}, not the --chain genesis "
                              f"0x{expected.hex()}")
        self.options = options
        self.key = None if options.key_name is None else DEV_ACCOUNTS[options.key_name]
        if self.key is not None:
            self.authority = self.key
        self.worker: SlotWorker | None = None
        if options.validator and self.key is not None:
            self.worker = SlotWorker(self.slot_duration_ms, [self.key.sr25519],
                                     self.best_aura_authorities, self.author_slot,
                                     on_error=self._seal_failed)
        self._worker_task: asyncio.Task[None] | None = None

    def _registry(self) -> RpcRegistry:
        registry = OverridingRegistry({"state_call": self.state_call})
        node_info = DevNodeInfo(self.config.chain_name, self.authority.ed25519.public_key,
                                self.chain.best_number)
        register_all(registry, RpcBackend(self.reader, RuntimeAdapter(self.db, self.runtime),
                                          self.submitter, node_info))
        return registry

    def best_aura_authorities(self) -> list[bytes]:
        """The Aura authorities in the state of the best block."""
        return aura.authorities(self.db.reader_at(self.chain.best_hash, self.state_version))

    async def start(self) -> None:
        """Serve RPC and metrics; start the slot worker when this node is a validator."""
        await super().start()
        if self.worker is None:
            log.info("not a validator: serving the stored chain only",
                     validator=self.options.validator, key=self.options.key_name)
            return
        if self.key is not None and \
                self.key.sr25519.public_key not in self.best_aura_authorities():
            log.warning("local key is not an Aura authority: no blocks will be authored",
                        key=self.options.key_name, ss58=self.key.sr25519.ss58_address)
        self._worker_task = asyncio.create_task(self.worker.run(), name="aura-slot-worker")
        log.info("aura slot worker started", key=self.options.key_name,
                 slot_duration_ms=self.slot_duration_ms)

    async def stop(self) -> None:
        """Stop the slot worker (after the block in progress), then the node."""
        if self.worker is not None:
            self.worker.stop()
        if self._worker_task is not None:
            self._worker_task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._worker_task
        await super().stop()

    async def author_slot(self, claim: SlotClaim) -> bytes:
        """Author, seal and import the block of a claimed slot on the best block; finalize it
        when the local GRANDPA key alone holds the authority set. Its hash."""
        parent = self.chain.best_hash
        inherent = UncheckedExtrinsic(
            timestamp.PALLET.calls[0].encode(now=claim.timestamp_ms)).encode()
        authored = await self.block_author().author_async(
            parent, inherents=[inherent], pool=self.pool, seal=aura_sealer(claim.author),
            pre_digest=[slot_digest(claim.slot)], finalize=False)
        block = authored.block
        justification = self.local_justification(block.hash(), block.header.number)
        if justification is not None:
            await self.importer.finalize_async(block.hash(), justification)
        return block.hash()

    def local_justification(self, block_hash: bytes, number: int) -> bytes | None:
        """The encoded ``Justifications`` finalizing the block with the local ed25519 key, or
        None when that key is not the only GRANDPA authority in the block's state."""
        if self.key is None:
            return None
        view = self.db.reader_at(block_hash, self.state_version)
        voters = grandpa.authorities(view)
        if [key for key, _ in voters] != [self.key.ed25519.public_key]:
            return None
        voter_set = AuthoritySet.from_weights(voters, int(grandpa.CurrentSetId.get(view)))
        justification = finalize_with_local_keys(block_hash, number, number, voter_set,
                                                 [self.key.ed25519])
        return encode_justifications([(GRANDPA_ENGINE_ID, justification.encode())])


def _key_options(func: Any) -> Any:
    """``--alice`` .. ``--ferdie``: one flag per dev key, all setting ``key_name``."""
    for name in reversed(DEV_ACCOUNT_NAMES):
        func = click.option(f"--{name.lower()}", "key_name", flag_value=name,
                            help=f"Use //{name}'s dev keys (sr25519 Aura, ed25519 GRANDPA).")(func)
    return func


@click.command("run")
@click.option("--chain", default="dev", show_default=True,
              help="dev, local (Alice and Bob authorities) or a raw/plain chain spec file.")
@click.option("--base-path", type=click.Path(file_okay=False), default=None,
              help="Keep the chain in LevelDB under this directory (required unless --tmp).")
@click.option("--tmp", is_flag=True, help="Keep the chain in memory (discarded at exit).")
@click.option("--validator", is_flag=True,
              help="Author blocks in the Aura slots owned by the local key.")
@_key_options
@click.option("--rpc-port", type=int, default=9944, show_default=True,
              help="JSON-RPC port (HTTP and WebSocket); 0 picks a free port.")
@click.option("--port", type=int, default=30333, show_default=True,
              help="P2P port: accepted and reported only; networking is not built yet, so this "
                   "node neither connects to peers nor listens on it.")
@click.option("--prometheus-port", type=int, default=None,
              help="Expose Prometheus metrics on this port (/metrics).")
@click.option("--log-format", default="auto", show_default=True,
              type=click.Choice(["auto", "pretty", "json"], case_sensitive=False))
@click.option("--fast-blocks", is_flag=True,
              help="Subtensor's fast-runtime timings (250 ms slots instead of 12 s).")
def command(chain: str, base_path: str | None, tmp: bool, validator: bool,
            key_name: str | None, rpc_port: int, port: int, prometheus_port: int | None,
            log_format: str, fast_blocks: bool) -> None:
    """Run a node on a chain spec; with --validator and a key, author its Aura slots."""
    try:
        spec = resolve_chain(chain)
        config = run_config(spec, base_path=base_path, tmp=tmp, rpc_port=rpc_port,
                            prometheus_port=prometheus_port, log_format=log_format,
                            fast_blocks=fast_blocks)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None
    if validator and key_name is None:
        raise click.UsageError("--validator needs a key: --alice, --bob, ...")
    from node.logging import configure
    configure(config.log_format, config.log_level)
    run_loop(serve(config, spec, RunOptions(validator, key_name, port)))


async def serve(config: NodeConfig, spec: RawChainSpec, options: RunOptions) -> None:
    """Start the node, print where it listens, wait for SIGINT/SIGTERM, stop."""
    try:
        service = ValidatorService(config, spec, options)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    try:
        await service.start()
        print(f"tensorchain {config.chain_name} ({config.chain_id}): "
              f"JSON-RPC {service.server.ws_url}, p2p port {options.port} (not listening: "
              f"no networking yet), best #{service.chain.best_number}, "
              f"validator={'//' + options.key_name if service.worker else 'no'}", flush=True)
        await stop.wait()
    finally:
        for signum in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(Exception):
                loop.remove_signal_handler(signum)
        await service.stop()
