"""``tensorchain chainspec``: inspect raw chain specs and export a stored state as one.

``chainspec hash FILE [--state-version 0|1]`` prints exactly two lines, ``state_root 0x…`` and
``genesis_hash 0x…``, for the genesis of a raw chain spec (state version 1, subtensor's, unless
told otherwise). ``chainspec export --db DIR [--block 0x…]`` writes the state of a retained block
of a chain database (the best block by default) as a normalised raw chain spec.
"""

from __future__ import annotations

from pathlib import Path

import click

from chainspec.errors import ChainSpecError
from chainspec.genesis import build_genesis, export_raw_spec
from chainspec.raw import RawChainSpec, parse_hex
from storage.chain_db import ChainDB
from storage.errors import StorageError

__all__ = ["command"]


@click.group(name="chainspec")
def command() -> None:
    """Raw chain specs: genesis hash, export of a stored state."""


@command.command(name="hash")
@click.argument("spec_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--state-version", type=click.Choice(["0", "1"]), default="1", show_default=True,
              help="Trie layout of the genesis state (subtensor's runtime declares 1).")
def hash_command(spec_file: Path, state_version: str) -> None:
    """Print the genesis state root and genesis hash of a raw chain spec FILE."""
    try:
        genesis = build_genesis(RawChainSpec.load(spec_file), int(state_version))
    except ChainSpecError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"state_root 0x{genesis.state_root.hex()}")
    click.echo(f"genesis_hash 0x{genesis.hash.hex()}")


@command.command(name="export")
@click.option("--db", "db_path", required=True,
              type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Chain database directory (LevelDB).")
@click.option("--block", "block_hex", default=None,
              help="0x-hash of the block whose state to export (default: the best block).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write here instead of stdout.")
def export_command(db_path: Path, block_hex: str | None, output: Path | None) -> None:
    """Export a retained block's state from a chain database as a raw chain spec."""
    try:
        with ChainDB.open_leveldb(db_path) as db:
            if block_hex is not None:
                block_hash = parse_hex(block_hex, "--block")
            elif db.best_hash is not None:
                block_hash = db.best_hash
            else:
                raise ChainSpecError(f"the database at {db_path} holds no blocks")
            text = export_raw_spec(db, block_hash).dumps()
    except (ChainSpecError, StorageError) as exc:
        raise click.ClickException(str(exc)) from exc
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text)
