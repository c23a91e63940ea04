"""``tensorchain build-spec --raw [--chain dev|FILE]``: a chain spec in raw (key/value) form.

``--chain dev`` (the default) gives the development chain (:mod:`chainspec.dev`: the dev genesis
of the Python runtime, no ``:code``). ``--chain FILE`` reads a raw chain spec and writes its
normalised form (lowercase ``0x`` hex, storage keys sorted, other fields kept). Plain
(runtime-config) specs are not supported: this node has no Wasm runtime to build them with.
"""

from __future__ import annotations

from pathlib import Path

import click

from chainspec.errors import ChainSpecError
from chainspec.raw import RawChainSpec

__all__ = ["command"]

PRESETS = ("dev",)


def load_chain(chain: str) -> RawChainSpec:
    """The raw spec of a preset name or of a raw chain spec file."""
    if chain == "dev":
        from chainspec.dev import dev_raw_spec  # the runtime is only needed for the preset

        return dev_raw_spec()
    path = Path(chain)
    if not path.is_file():
        raise click.UsageError(
            f"--chain {chain!r} is neither a preset ({', '.join(PRESETS)}) nor a file")
    return RawChainSpec.load(path)


@click.command(name="build-spec")
@click.option("--raw", "raw", is_flag=True,
              help="Output the raw form (required: only raw output is supported).")
@click.option("--chain", "chain", default="dev", show_default=True, metavar="dev|FILE",
              help="The preset 'dev', or a raw chain spec JSON file to normalise.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write here instead of stdout.")
def command(raw: bool, chain: str, output: Path | None) -> None:
    """Write a chain spec (the dev preset or a raw spec FILE) in normalised raw form."""
    if not raw:
        raise click.UsageError("only raw output is supported: pass --raw")
    try:
        text = load_chain(chain).dumps()
    except ChainSpecError as exc:
        raise click.ClickException(str(exc)) from exc
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text)
