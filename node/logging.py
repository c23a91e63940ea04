"""structlog setup for the node: pretty lines on a terminal, one JSON object a line otherwise.

:func:`configure` is called once by a command before anything logs. ``pretty`` uses structlog's
console renderer (colours only on a TTY); ``json`` renders each event as a JSON object with
``timestamp``, ``level``, ``logger`` and ``event`` keys; ``auto`` picks pretty on a TTY and JSON
otherwise. Standard-library ``logging`` records (aiohttp, websockets) go through the same
renderer at WARNING and above.
"""

from __future__ import annotations

import logging
import sys
from typing import Any, TextIO

import structlog

from node.config import LogFormat

_LEVELS = {"trace": logging.DEBUG, "debug": logging.DEBUG, "info": logging.INFO,
           "warn": logging.WARNING, "warning": logging.WARNING, "error": logging.ERROR}


def resolve_format(fmt: LogFormat, stream: TextIO) -> LogFormat:
    """``auto`` becomes pretty on a TTY and JSON otherwise."""
    if fmt is not LogFormat.AUTO:
        return fmt
    return LogFormat.PRETTY if stream.isatty() else LogFormat.JSON


def level_number(level: str) -> int:
    """A level name (``info``, ``debug`` …) as a ``logging`` number; unknown names are INFO."""
    return _LEVELS.get(level.lower(), logging.INFO)


def configure(fmt: LogFormat = LogFormat.AUTO, level: str = "info",
              stream: TextIO | None = None) -> LogFormat:
    """Configure structlog (and stdlib logging) for the process; the format chosen."""
    out = stream if stream is not None else sys.stderr
    chosen = resolve_format(fmt, out)
    renderer: Any
    if chosen is LogFormat.JSON:
        renderer = structlog.processors.JSONRenderer()
    else:
        renderer = structlog.dev.ConsoleRenderer(colors=out.isatty())
    shared: list[Any] = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    structlog.configure(
        processors=[*shared, _logger_name, structlog.processors.format_exc_info, renderer],
        wrapper_class=structlog.make_filtering_bound_logger(level_number(level)),
        logger_factory=lambda *args: NamedPrintLogger(out, args[0] if args else None),
        cache_logger_on_first_use=False,
    )
    handler = logging.StreamHandler(out)
    handler.setFormatter(structlog.stdlib.ProcessorFormatter(
        processor=renderer, foreign_pre_chain=shared))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.WARNING)
    return chosen


class NamedPrintLogger(structlog.PrintLogger):
    """A print logger that remembers the name it was asked for (``get_logger("node.importer")``)."""

    def __init__(self, file: TextIO, name: str | None) -> None:
        super().__init__(file)
        self.name = name


def _logger_name(logger: Any, method: str, event: dict[str, Any]) -> dict[str, Any]:
    """Add the logger's name as ``logger``."""
    name = getattr(logger, "name", None)
    if name:
        event.setdefault("logger", name)
    return event
