"""Subcommands of the ``tensorchain`` CLI: one module each, exposing a click ``command``."""
