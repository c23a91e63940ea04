"""Loading the read-only vector files of ``../shared/vectors`` (never edited by the project)."""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
VECTORS_DIR = Path(os.environ.get("TENSORCHAIN_VECTORS", REPO_ROOT.parent / "shared" / "vectors"))


@cache
def load(name: str) -> Any:
    """The parsed JSON of ``<name>.json`` in the shared vectors folder."""
    path = VECTORS_DIR / f"{name}.json"
    if not path.exists():
        raise FileNotFoundError(
            f"shared vector file {path} is missing: the repository expects ../shared/vectors "
            "beside it (or TENSORCHAIN_VECTORS pointing at it)")
    return json.loads(path.read_text())


def unhex(value: str) -> bytes:
    """Bytes of a ``0x``-prefixed (or bare) hex string."""
    return bytes.fromhex(value[2:] if value.startswith("0x") else value)
