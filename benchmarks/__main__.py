"""Run the benchmark modules and print (and save) one table."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

from benchmarks import harness


def main(argv: list[str]) -> int:
    """Run ``bench_*`` modules (all, or those named in ``argv``) and print the table."""
    package_dir = Path(__file__).parent
    names = sorted(m.name for m in pkgutil.iter_modules([str(package_dir)])
                   if m.name.startswith("bench_"))
    wanted = [a if a.startswith("bench_") else f"bench_{a}" for a in argv]
    unknown = sorted(set(wanted) - set(names))
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(names)}",
              file=sys.stderr)
        return 2
    rows: list[harness.Row] = []
    for name in wanted or names:
        module = importlib.import_module(f"benchmarks.{name}")
        print(f"running {name} ...", file=sys.stderr, flush=True)
        rows.extend(module.run())
    table = harness.format_table(rows)
    print(table)
    (package_dir / "results.md").write_text(table + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
