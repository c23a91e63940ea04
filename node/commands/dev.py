"""``tensorchain dev``: a local Bittensor chain in about a second.

Starts a :class:`node.service.NodeService` (in memory unless ``--base-path`` is given), prints the
WebSocket/HTTP endpoint and the funded dev accounts with their secret URIs, optionally writes the
same as JSON (``--config-out``), and runs until SIGINT or SIGTERM, then stops cleanly (exit
status 0). The ready line ``Running JSON-RPC server`` is printed once the port accepts calls.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import sys
import time
from pathlib import Path
from typing import Any

import click

from node.config import DEFAULT_DEV_SEALING, ConfigError, NodeConfig

_STARTED = time.perf_counter()


def seconds_since_start() -> float:
    """Seconds since this process started (from ``/proc`` on Linux; elsewhere since this
    module was imported)."""
    try:
        with open("/proc/self/stat") as stat, open("/proc/uptime") as uptime:
            fields = stat.read().rsplit(")", 1)[1].split()
            started = int(fields[19]) / os.sysconf("SC_CLK_TCK")
            return max(0.0, float(uptime.read().split()[0]) - started)
    except (OSError, ValueError, IndexError):
        return time.perf_counter() - _STARTED


@click.command("dev")
@click.option("--rpc-port", type=int, default=9944, show_default=True,
              help="JSON-RPC port (HTTP and WebSocket); 0 picks a free port.")
@click.option("--sealing", default=DEFAULT_DEV_SEALING, show_default=True,
              help="When blocks are built: instant, manual or an interval in milliseconds.")
@click.option("--base-path", type=click.Path(file_okay=False), default=None,
              help="Keep the chain in LevelDB under this directory (default: in memory).")
@click.option("--config-out", type=click.Path(dir_okay=False), default=None,
              help="Write the endpoint and dev accounts as JSON to this file.")
@click.option("--rpc-external", is_flag=True, help="Listen on all interfaces.")
@click.option("--rpc-cors", default=None, help="Allowed browser origins ('all' by default).")
@click.option("--rpc-methods", default="auto", show_default=True,
              type=click.Choice(["auto", "safe", "unsafe"], case_sensitive=False))
@click.option("--prometheus-port", type=int, default=None,
              help="Expose Prometheus metrics on this port (/metrics).")
@click.option("--log-format", default="auto", show_default=True,
              type=click.Choice(["auto", "pretty", "json"], case_sensitive=False))
@click.option("--log-level", default="info", show_default=True,
              type=click.Choice(["debug", "info", "warning", "error"], case_sensitive=False))
def command(rpc_port: int, sealing: str, base_path: str | None, config_out: str | None,
            rpc_external: bool, rpc_cors: str | None, rpc_methods: str,
            prometheus_port: int | None, log_format: str, log_level: str) -> None:
    """Run a local development chain with funded dev accounts."""
    try:
        config = NodeConfig.for_dev(
            rpc_port=rpc_port, sealing=sealing, base_path=base_path, config_out=config_out,
            rpc_external=rpc_external, rpc_cors=rpc_cors, rpc_methods=rpc_methods,
            prometheus_port=prometheus_port, log_format=log_format, log_level=log_level)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None
    from node.logging import configure
    configure(config.log_format, config.log_level)
    run_loop(serve(config))


def run_loop(main: Any) -> None:
    """Run ``main`` on uvloop when available."""
    try:
        import uvloop
    except ImportError:
        asyncio.run(main)
        return
    uvloop.run(main)


async def serve(config: NodeConfig) -> None:
    """Start the node, announce it, wait for a stop signal, stop."""
    from node.service import NodeService
    service = NodeService(config)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    try:
        try:
            await service.start()
        except OSError as exc:
            raise click.ClickException(
                f"cannot listen on {config.rpc.host}:{config.rpc.port} "
                f"(--rpc-port/--prometheus-port): {exc.strerror or exc}") from None
        announce(service, seconds_since_start())
        await stop.wait()
    finally:
        for signum in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(Exception):
                loop.remove_signal_handler(signum)
        await service.stop()


def summary(service: Any, ready_seconds: float) -> dict[str, Any]:
    """The machine-readable start-up facts (``--config-out``)."""
    server = service.server
    metrics_port = service.metrics.port
    return {
        "chain": service.config.chain_name,
        "genesisHash": "0x" + service.chain.genesis_hash.hex(),
        "bestNumber": service.chain.best_number,
        "rpc": {"ws": server.ws_url, "http": server.http_url, "port": server.address[1]},
        "prometheus": None if metrics_port is None else
        f"http://127.0.0.1:{metrics_port}/metrics",
        "sealing": str(service.config.sealing),
        "basePath": None if service.config.base_path is None else str(service.config.base_path),
        "readySeconds": round(ready_seconds, 3),
        "accounts": [account.to_json() for account in service.dev_accounts()],
        "sudo": service.authority.sr25519.ss58_address,
    }


def announce(service: Any, ready_seconds: float) -> None:
    """Print the banner on stdout and write ``--config-out``."""
    facts = summary(service, ready_seconds)
    lines = [
        "",
        "tensorchain dev chain",
        "=====================",
        f"WebSocket: {facts['rpc']['ws']}",
        f"HTTP:      {facts['rpc']['http']}",
        f"Genesis:   {facts['genesisHash']} (best #{facts['bestNumber']})",
        f"Sealing:   {facts['sealing']}   Storage: {facts['basePath'] or 'in memory'}",
        f"Sudo:      //Alice {facts['sudo']}",
        "",
        "Dev accounts (these keys are publicly known — never use them on a real network):",
    ]
    for account in facts["accounts"]:
        lines.append(f"  {account['name']:<8} {account['uri']:<10} {account['ss58']}  "
                     f"{account['free'] / 1e9:,.9f} TAO")
    if facts["prometheus"]:
        lines.append(f"Metrics:   {facts['prometheus']}")
    lines.append(f"Ready in {ready_seconds:.2f} s. Press Ctrl+C to stop.")
    print("\n".join(lines), flush=True)
    if service.config.config_out is not None:
        path = Path(service.config.config_out)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(facts, indent=2) + "\n")
    sys.stdout.flush()
