"""``tensorchain replay --base-path DIR [--from N] [--to M]``: re-execute the stored blocks of the
chain kept under ``DIR`` (a dev chain's too) and check every seal and state root.

The blocks are re-imported, through the node's one importer, into an in-memory chain rebuilt
from the stored genesis state (:mod:`node.replay`); the stored database is only read. A progress
bar goes to stderr. Exit status 0 with ``replayed N blocks …`` when every root matches; 1 on the
first refusal, with the block, the computed vs header state root and the first differing keys
named ``Pallet.Item``; a block whose execution raises is reported the same way. Options:
``--fast-blocks/--no-fast-blocks`` (the runtime timings the chain was built with; the dev node's
default is fast) and ``--log-level`` (node log lines, to stderr; warning by default).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from node.chain import Chain
from node.importer import BlockImporter, ReplayReport
from node.replay import (
    LOG_LEVELS,
    ReplayRange,
    StoredChainError,
    command_logging,
    fresh_importer,
    load_runtime,
    mismatch_report,
    open_stored,
    replay_range,
    replay_stored,
)
from runtime.node_runtime import NodeRuntime

__all__ = ["command"]


@click.command("replay")
@click.option("--base-path", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="The base path of the chain to re-check (as given to `tensorchain dev`).")
@click.option("--from", "start", type=click.IntRange(min=1), default=1, show_default=True,
              help="First block to re-check.")
@click.option("--to", "end", type=click.IntRange(min=1), default=None,
              help="Last block to re-check (default: the stored best block).")
@click.option("--fast-blocks/--no-fast-blocks", default=True, show_default=True,
              help="Runtime timings the chain was built with (the dev node's default: fast).")
@click.option("--log-level", default="warning", show_default=True,
              type=click.Choice(LOG_LEVELS, case_sensitive=False),
              help="Node log lines (to stderr) at this level and above.")
def command(base_path: Path, start: int, end: int | None, fast_blocks: bool,
            log_level: str) -> None:
    """Re-execute stored blocks and check every state root; exit 1 on the first mismatch."""
    with command_logging(log_level):
        report, blocks, node = _replay(base_path, start, end, fast_blocks)
    if report.error is not None:
        for line in mismatch_report(report, node):
            click.echo(line, err=True)
        click.echo(f"replay failed after {report.blocks} good block(s)", err=True)
        sys.exit(1)
    click.echo(f"replayed {report.blocks} blocks (#{blocks.start}..#{blocks.end}), "
               f"{report.extrinsics} extrinsics, every state root matches "
               f"({report.seconds:.2f} s)")


def _replay(base_path: Path, start: int, end: int | None, fast_blocks: bool
            ) -> tuple[ReplayReport, ReplayRange, NodeRuntime]:
    node = load_runtime(fast_blocks)
    try:
        stored = open_stored(base_path)
    except StoredChainError as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        blocks = replay_range(stored, start, end)
        importer = fresh_importer(stored, node)
        try:
            report = _run(Chain(stored, node.version.state_version), importer, blocks)
        finally:
            importer.close()
            importer.chain.db.close()
    except StoredChainError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        stored.close()
    return report, blocks, node


def _run(reference: Chain, importer: BlockImporter, blocks: ReplayRange) -> ReplayReport:
    total = blocks.end - blocks.start + 1
    with click.progressbar(length=total, label="replaying", file=sys.stderr,
                           show_pos=True) as bar:
        return replay_stored(reference, importer, blocks, bar.update)
