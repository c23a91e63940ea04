"""``tensorchain run``: the CLI, an Aura validator on a one-authority spec, restarts, and a
validator whose key holds no slot."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import structlog
from click.testing import CliRunner

from chainspec.raw import RawChainSpec
from consensus.aura import find_slot, split_seal
from consensus.grandpa import grandpa_justification_of
from node.commands.run import RunOptions, ValidatorService, command, resolve_chain, run_config
from runtime.primitives.keys import DEV_ACCOUNTS, verify


def one_authority_spec(tmp_path: Path) -> RawChainSpec:
    """The dev preset (Alice the only Aura and GRANDPA authority) written to and read back from
    a raw spec file."""
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(resolve_chain("dev").to_json()))
    return resolve_chain(str(path))


def run_for(spec: RawChainSpec, base: Path, key: str, seconds: float) -> dict[str, Any]:
    """Run a validator with ``key`` for ``seconds``; the chain facts it leaves behind."""

    async def main() -> dict[str, Any]:
        config = run_config(spec, base_path=str(base), tmp=False, rpc_port=0, fast_blocks=True)
        service = ValidatorService(config, spec, RunOptions(True, key))
        await service.start()
        try:
            await asyncio.sleep(seconds)
        finally:
            await service.stop()
        return await asyncio.to_thread(facts, config, spec)

    return asyncio.run(asyncio.wait_for(main(), 60))


def facts(config: Any, spec: RawChainSpec) -> dict[str, Any]:
    """Best/finalized numbers and the best chain's headers, read from a reopened database."""
    service = ValidatorService(config, spec, RunOptions())
    try:
        chain, headers, at = service.chain, [], service.chain.best_hash
        for _ in range(chain.best_number):
            header = chain.header(at)
            headers.append(header)
            at = header.parent_hash
        justification = service.db.justifications(chain.finalized_hash) \
            if chain.finalized_number > 0 else None
        return {"best": chain.best_number, "finalized": chain.finalized_number,
                "headers": headers, "justification": justification,
                "genesis": chain.genesis_hash}
    finally:
        service.db.close()


def test_help_lists_the_issue_flags() -> None:
    result = CliRunner().invoke(command, ["--help"])
    assert result.exit_code == 0
    for flag in ("--chain", "--base-path", "--validator", "--alice", "--bob", "--rpc-port",
                 "--port", "--prometheus-port", "--log-format"):
        assert flag in result.output
    assert "networking is not built yet" in result.output


def test_base_path_or_tmp_is_required() -> None:
    result = CliRunner().invoke(command, ["--chain", "dev"])
    assert result.exit_code == 2
    assert "--base-path is required" in result.output


def test_alice_authors_finalizes_and_continues_after_restart(tmp_path: Path) -> None:
    spec = one_authority_spec(tmp_path)
    alice = DEV_ACCOUNTS["Alice"]
    first = run_for(spec, tmp_path / "node", "Alice", 1.5)
    assert first["best"] >= 2
    for header in first["headers"]:
        unsealed, signature = split_seal(header)
        assert find_slot(header) >= 0
        assert verify(alice.sr25519.scheme, signature, unsealed.hash(),
                      alice.sr25519.public_key)
    assert first["finalized"] == first["best"]
    assert grandpa_justification_of(first["justification"]) is not None
    second = run_for(spec, tmp_path / "node", "Alice", 1.5)
    assert second["genesis"] == first["genesis"]
    assert second["best"] > first["best"]
    slots = [find_slot(header) for header in reversed(second["headers"])]
    assert slots == sorted(set(slots))


def test_bob_on_an_alice_chain_authors_nothing_and_says_so(tmp_path: Path) -> None:
    spec = one_authority_spec(tmp_path)
    with structlog.testing.capture_logs() as logs:
        result = run_for(spec, tmp_path / "node", "Bob", 1.0)
    assert result["best"] == 0
    assert any("not an Aura authority" in entry["event"] for entry in logs)
