"""``tensorchain build-spec --raw --chain FILE``: a chain spec in raw (key/value) form.

For now the input is a raw chain spec FILE and the output its normalised form (lowercase ``0x``
hex, storage keys sorted, other fields kept). Built-in presets such as ``dev`` are not available
yet: no dev genesis exists in this node so far, so ``--chain`` must name a file.
"""

from __future__ import annotations

from pathlib import Path

import click

from chainspec.errors import ChainSpecError
from chainspec.raw import RawChainSpec

__all__ = ["command"]


@click.command(name="build-spec")
@click.option("--raw", "raw", is_flag=True,
              help="Output the raw form (required: only raw output is supported).")
@click.option("--chain", "chain", required=True, metavar="FILE",
              help="A raw chain spec JSON file. Presets such as 'dev' are not available yet "
                   "(no dev genesis exists so far).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write here instead of stdout.")
def command(raw: bool, chain: str, output: Path | None) -> None:
    """Convert a chain spec FILE to its normalised raw form (FILE input only, for now)."""
    if not raw:
        raise click.UsageError("only raw output is supported: pass --raw")
    path = Path(chain)
    if not path.is_file():
        raise click.UsageError(
            f"--chain {chain!r} is not a file; built-in chain presets are not available yet")
    try:
        text = RawChainSpec.load(path).dumps()
    except ChainSpecError as exc:
        raise click.ClickException(str(exc)) from exc
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text)
