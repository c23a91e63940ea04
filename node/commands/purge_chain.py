"""``tensorchain purge-chain --base-path DIR [-y]``: delete the chain database kept under ``DIR``
(``DIR/chains/dev/db``), after asking for confirmation unless ``-y`` is given. Nothing else under
the base path (keys, config) is touched; a missing database is reported, not an error.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import click

from node.replay import db_path

__all__ = ["command"]


@click.command("purge-chain")
@click.option("--base-path", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="The base path whose chain database to remove.")
@click.option("-y", "--yes", "assume_yes", is_flag=True, help="Do not ask for confirmation.")
def command(base_path: Path, assume_yes: bool) -> None:
    """Remove the chain database under a base path."""
    path = db_path(base_path)
    if not path.exists():
        click.echo(f"no chain database at {path}: nothing to purge")
        return
    if not assume_yes and not click.confirm(f"Are you sure to remove {path}?", default=False):
        click.echo("Aborted: the chain database was kept.")
        raise SystemExit(1)
    shutil.rmtree(path)
    click.echo(f"{path} removed")
