"""``tensorchain blocks export`` / ``tensorchain blocks import``: stored blocks to and from a file.

The file is a sequence of records, each ``Compact<u32>`` length ‖ the SCALE-encoded block (header
and extrinsics), in chain order. ``blocks export --base-path DIR FILE [--from N] [--to M]`` writes
the best chain's blocks ``N..M`` (default 1..best). ``blocks import --base-path DIR FILE`` feeds
them, one by one, to the node's one importer (header, seal and state-root checks; origin FILE);
an empty base path starts from the dev genesis (:func:`chainspec.dev.dev_raw_spec`). Blocks
already stored are skipped; the first refused block stops the import with exit status 1 and a
message naming it, and leaves the chain as it was before that block. ``blocks import`` also takes
``--fast-blocks/--no-fast-blocks`` and ``--log-level`` (as ``replay`` does).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import click

from chainspec.dev import dev_raw_spec
from chainspec.genesis import commit_genesis
from node.importer import BlockImporter, BlockImportError, ImportStatus
from node.replay import (
    LOG_LEVELS,
    StoredChainError,
    command_logging,
    import_checked,
    load_runtime,
    make_importer,
    open_or_create,
    open_stored,
)
from runtime.primitives.block import Block
from runtime.primitives.scale import U32, Compact
from storage.chain_db import ChainDB

__all__ = ["command", "read_blocks", "write_block"]

_LENGTH = Compact(U32)


def write_block(out: BinaryIO, block: Block) -> None:
    """Append one length-prefixed SCALE-encoded block."""
    data = block.encode()
    out.write(_LENGTH.encode(len(data)) + data)


def read_blocks(data: bytes) -> Iterator[Block]:
    """The blocks of an export file; :class:`StoredChainError` on a truncated or bad record."""
    offset = index = 0
    while offset < len(data):
        try:
            length, start = _LENGTH.decode_from(data, offset)
        except Exception as exc:
            raise StoredChainError(f"record {index}: bad length prefix at byte {offset}") from exc
        end = start + length
        if end > len(data):
            raise StoredChainError(f"record {index}: truncated ({len(data) - start} of "
                                   f"{length} bytes)")
        try:
            block = Block.decode(data[start:end])
        except Exception as exc:
            raise StoredChainError(f"record {index}: not a block ({exc})") from exc
        yield block
        offset, index = end, index + 1


@click.group("blocks")
def command() -> None:
    """Export stored blocks to a file, import blocks from one."""


@command.command("export")
@click.option("--base-path", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="The base path of the chain.")
@click.argument("output", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--from", "start", type=click.IntRange(min=1), default=1, show_default=True,
              help="First block to export.")
@click.option("--to", "end", type=click.IntRange(min=1), default=None,
              help="Last block to export (default: the best block).")
def export_command(base_path: Path, output: Path, start: int, end: int | None) -> None:
    """Write the best chain's blocks to OUTPUT."""
    try:
        stored = open_stored(base_path)
        try:
            count = _export(stored, output, start, end)
        finally:
            stored.close()
    except StoredChainError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"exported {count} blocks to {output}")


def _export(stored: ChainDB, output: Path, start: int, end: int | None) -> int:
    last = stored.best_number if end is None else end
    if last > stored.best_number:
        raise StoredChainError(f"--to {last} is above the best block #{stored.best_number}")
    count = 0
    with output.open("wb") as out:
        for number in range(start, last + 1):
            block_hash = stored.canonical_hash(number)
            header = None if block_hash is None else stored.header(block_hash)
            body = None if block_hash is None else stored.body(block_hash)
            if header is None or body is None:
                raise StoredChainError(f"block #{number} is not stored")
            write_block(out, Block.decode(header + body))
            count += 1
    return count


@command.command("import")
@click.option("--base-path", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="The base path of the chain to import into (created if absent).")
@click.argument("input_file", metavar="INPUT",
                type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--fast-blocks/--no-fast-blocks", default=True, show_default=True,
              help="Runtime timings the chain was built with (the dev node's default: fast).")
@click.option("--log-level", default="warning", show_default=True,
              type=click.Choice(LOG_LEVELS, case_sensitive=False),
              help="Node log lines (to stderr) at this level and above.")
def import_command(base_path: Path, input_file: Path, fast_blocks: bool, log_level: str) -> None:
    """Import the blocks of INPUT through the node's importer."""
    with command_logging(log_level):
        imported, known, best = _import_file(base_path, input_file, fast_blocks)
    click.echo(f"imported {imported} blocks ({known} already known); best {best}")


def _import_file(base_path: Path, input_file: Path, fast_blocks: bool) -> tuple[int, int, str]:
    node = load_runtime(fast_blocks)
    db = open_or_create(base_path)
    try:
        if db.genesis_hash is None:
            commit_genesis(db, dev_raw_spec(), node.version.state_version)
        importer = make_importer(db, node)
        try:
            imported, known = _import(importer, input_file.read_bytes())
        finally:
            importer.close()
        best = f"#{db.best_number} 0x{(db.best_hash or b'').hex()}"
    except (StoredChainError, BlockImportError) as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        db.close()
    return imported, known, best


def _import(importer: BlockImporter, data: bytes) -> tuple[int, int]:
    imported = known = 0
    for block in read_blocks(data):
        result = import_checked(importer, block)
        if result.status is ImportStatus.ALREADY_KNOWN:
            known += 1
        else:
            imported += 1
    return imported, known


aliases = {"export-blocks": export_command, "import-blocks": import_command}
"""Substrate's top-level names for the two block commands."""
