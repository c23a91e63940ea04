"""``tensorchain build-spec [--raw] [--chain dev|FILE]``: a chain spec, plain or raw.

``--chain dev`` (the default) is the development chain (:func:`chainspec.plain.dev_plain_spec`:
Alice..Ferdie funded, Alice sudo and Aura/GRANDPA authority). ``--chain FILE`` reads a plain
(runtime genesis config) or raw (key/value) chain spec. Without ``--raw`` a plain spec is
written in the modern plain form (``genesis.runtimeGenesis.patch``); with ``--raw`` it is built
into its genesis storage by the Python runtime's pallets and written as a normalised raw spec
(lowercase ``0x`` hex, keys sorted, other fields kept). A raw spec has no plain form: it needs
``--raw`` and is written normalised.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from chainspec.errors import ChainSpecError
from chainspec.raw import RawChainSpec

if TYPE_CHECKING:
    from chainspec.plain import PlainChainSpec

__all__ = ["command"]

PRESETS = ("dev",)


def load_chain(chain: str) -> RawChainSpec | PlainChainSpec:
    """The spec of a preset name or of a plain or raw chain spec file."""
    from chainspec.plain import dev_plain_spec, load_chain_spec  # the runtime: only when used

    if chain == "dev":
        return dev_plain_spec()
    path = Path(chain)
    if not path.is_file():
        raise click.UsageError(
            f"--chain {chain!r} is neither a preset ({', '.join(PRESETS)}) nor a file")
    return load_chain_spec(path)


def render(spec: RawChainSpec | PlainChainSpec, raw: bool) -> str:
    """The JSON text to write: plain, or raw with ``--raw`` (a raw spec only raw)."""
    if isinstance(spec, RawChainSpec):
        if not raw:
            raise click.UsageError("a raw chain spec has no plain form: pass --raw")
        return spec.dumps()
    return spec.to_raw().dumps() if raw else spec.dumps()


@click.command(name="build-spec")
@click.option("--raw", "raw", is_flag=True,
              help="Output the raw form (the genesis storage as hex key/values).")
@click.option("--chain", "chain", default="dev", show_default=True, metavar="dev|FILE",
              help="The preset 'dev', or a plain or raw chain spec JSON file.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write here instead of stdout.")
def command(raw: bool, chain: str, output: Path | None) -> None:
    """Write a chain spec (the dev preset or a plain/raw spec FILE), plain or with --raw raw."""
    try:
        text = render(load_chain(chain), raw)
    except ChainSpecError as exc:
        raise click.ClickException(str(exc)) from exc
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text)
