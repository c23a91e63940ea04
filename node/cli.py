"""The ``tensorchain`` command line.

Each subcommand lives in its own module under :mod:`node.commands` and exposes a click command
(or group) named ``command``; this module collects them, so adding a command is adding a file.
A module may also expose ``aliases``: top-level names for commands of its group (Substrate's
``export-blocks`` is ``blocks export``).
"""

from __future__ import annotations

import importlib
import pkgutil

import click

from node import commands as _commands_package


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tensorchain", prog_name="tensorchain")
def cli() -> None:
    """tensorchain: a Python node for the Bittensor chain."""


def _register_commands(group: click.Group) -> None:
    for module_info in sorted(pkgutil.iter_modules(_commands_package.__path__),
                              key=lambda m: m.name):
        if module_info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{_commands_package.__name__}.{module_info.name}")
        command = getattr(module, "command", None)
        if not isinstance(command, click.Command):
            raise RuntimeError(f"node.commands.{module_info.name} defines no click `command`")
        group.add_command(command)
        for alias, aliased in getattr(module, "aliases", {}).items():
            group.add_command(aliased, name=alias)


_register_commands(cli)


def main() -> None:
    """Console-script entry point."""
    cli()


if __name__ == "__main__":
    main()
