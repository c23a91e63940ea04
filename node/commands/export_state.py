"""``tensorchain export-state --base-path DIR [--block N|0xHASH] [-o FILE]``: write the state of a
stored block (the best block by default) of the chain under ``DIR`` as a raw chain spec
(:func:`chainspec.genesis.export_raw_spec`), to stdout or ``FILE``. ``tensorchain chainspec hash``
of the result prints that block's state root.
"""

from __future__ import annotations

from pathlib import Path

import click

from chainspec.errors import ChainSpecError
from chainspec.genesis import export_raw_spec
from chainspec.raw import parse_hex
from node.replay import StoredChainError, open_stored
from storage.chain_db import ChainDB
from storage.errors import StorageError

__all__ = ["command"]


def resolve_block(db: ChainDB, block: str | None) -> bytes:
    """The hash named by ``--block``: a number on the best chain, a 0x-hash, or the best."""
    if block is None:
        if db.best_hash is None:
            raise StoredChainError("the chain database holds no blocks")
        return db.best_hash
    if block.startswith("0x"):
        block_hash = parse_hex(block, "--block")
        if db.find_record(block_hash) is None:
            raise StoredChainError(f"block {block} is not stored")
        return block_hash
    if not block.isdigit():
        raise StoredChainError(f"--block must be a number or a 0x-hash, got {block!r}")
    found = db.canonical_hash(int(block))
    if found is None:
        raise StoredChainError(f"no block #{block} on the best chain (best #{db.best_number})")
    return found


@click.command("export-state")
@click.option("--base-path", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="The base path of the chain.")
@click.option("--block", default=None, help="Block number or 0x-hash (default: the best block).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write here instead of stdout.")
def command(base_path: Path, block: str | None, output: Path | None) -> None:
    """Export a stored block's state as a raw chain spec."""
    try:
        stored = open_stored(base_path)
        try:
            text = export_raw_spec(stored, resolve_block(stored, block)).dumps()
        finally:
            stored.close()
    except (StoredChainError, ChainSpecError, StorageError) as exc:
        raise click.ClickException(str(exc)) from exc
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text)
