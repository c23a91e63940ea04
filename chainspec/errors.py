"""Errors of chain-spec loading, validation and genesis building."""

from __future__ import annotations

__all__ = ["ChainSpecError", "InvalidRawSpecError"]


class ChainSpecError(Exception):
    """A chain spec that cannot be read or used (missing file, bad JSON, wrong shape)."""


class InvalidRawSpecError(ChainSpecError):
    """A raw-storage entry that is not valid hex; ``where`` names the map and the entry."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
