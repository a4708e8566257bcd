"""Several catalog sizes in one run: each size's reads on a database of its own, then their shares side by side.

`make bench` measures the reads at 20,000 and at 100,000 products: the read targets hold at both, and a share
must not fall as the catalog grows (cost flat in catalog size). Each size runs in a child process (`--products N
--reads-only`) against `<database>_<N>`, so a larger catalog seeded by an earlier run never stands in for a
smaller one; checkout and webhook deliveries then run once, on the largest. Each child writes its shares (the
median of its rounds) and search's own p95 to a file; the parent prints them side by side and flags a scenario
under its target at any size, or whose share at the largest size fell more than FLAT_TOLERANCE below the
smallest's.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.targets import READ_TARGETS, SEARCH_P95_TARGET_MS

ROOT = Path(__file__).resolve().parent.parent
# Rounds of one run on these machines differ by 2-4 points of share (docs/benchmarks.md): a fall of more than this
# fraction of the smallest catalog's share is a cost that grows with the catalog, not noise.
FLAT_TOLERANCE = 0.15


def sizes_of(text: str) -> list[int]:
    """`--products`: one catalog size, or several separated by commas, smallest first."""
    try:
        sizes = sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(f"catalog sizes are whole numbers separated by commas, not {text!r}") from None
    if not sizes or sizes[0] < 1:
        raise argparse.ArgumentTypeError(f"catalog sizes are at least 1, not {text!r}")
    return sizes


def database_for(url: str, size: int) -> str:
    """The database a size's catalog lives in: the bench's own, its name suffixed with the size."""
    base, _, name = url.rpartition("/")
    return f"{base}/{name}_{size}"


def shares_file(path: str, shares: dict[str, list[float]], search_p95_ms: float) -> None:
    """What a child hands its parent: each scenario's median share and rounds, and search's own p95."""
    Path(path).write_text(
        json.dumps(
            {
                "shares": {name: statistics.median(each) for name, each in shares.items()},
                "rounds": shares,
                "search_p95_ms": search_p95_ms,
            }
        )
    )


def side_by_side(summaries: dict[int, dict], targets: dict[str, float | None] = READ_TARGETS) -> list[str]:
    """Each scenario's share at every size, flagged under its target at any size or not flat in catalog size."""
    sizes = sorted(summaries)
    smallest, largest = sizes[0], sizes[-1]
    rows = [f"{'scenario':<28}" + "".join(f"{size:>12,}" for size in sizes) + "   verdict"]
    for name in summaries[smallest]["shares"]:
        shares = {size: summaries[size]["shares"][name] for size in sizes}
        target = targets.get(name)
        under = [f"{size:,}" for size in sizes if target is not None and shares[size] < target]
        flags = [f"UNDER TARGET ({target:.0%}) at {' and '.join(under)}"] if under else []
        fall = 1 - shares[largest] / shares[smallest] if shares[smallest] else 0.0
        if len(sizes) > 1 and fall > FLAT_TOLERANCE:
            flags.append(f"NOT FLAT ({fall:.0%} lower at {largest:,} than at {smallest:,})")
        verdict = "; ".join(flags) or ("ok" if target is not None else "")
        rows.append(f"{name:<28}" + "".join(f"{shares[size]:>12.1%}" for size in sizes) + f"   {verdict}")
    p95 = {size: summaries[size]["search_p95_ms"] for size in sizes}
    verdict = "ok" if p95[largest] <= SEARCH_P95_TARGET_MS else f"OVER TARGET ({SEARCH_P95_TARGET_MS} ms)"
    rows.append(f"{'search alone, p95':<28}" + "".join(f"{p95[size]:>9.1f} ms" for size in sizes) + f"   {verdict}")
    return rows


def run_sizes(sizes: list[int], options: list[str], database_url: str, *, reads_only: bool) -> None:
    """The reads at every size (a child process each), their shares side by side, then checkout and webhook
    deliveries on the largest catalog unless `reads_only`. `options` are passed to every child."""
    summaries = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            print(f"\n=== {size:,} products (database {database_for(database_url, size).rsplit('/', 1)[-1]}) ===")
            path = Path(folder) / f"{size}.json"
            _child(["--products", str(size), "--reads-only", "--shares-file", str(path), *options], database_url, size)
            summaries[size] = json.loads(path.read_text())
    print(
        f"\nShares of the bare view by catalog size (median of each size's rounds; flat within {FLAT_TOLERANCE:.0%}):"
    )
    for row in side_by_side(summaries):
        print("  " + row)
    if not reads_only:
        print(f"\n=== checkout and webhook deliveries, {sizes[-1]:,} products ===")
        _child(["--products", str(sizes[-1]), "--checkout-only", *options], database_url, sizes[-1])
        _child(["--products", str(sizes[-1]), "--webhooks-only", *options], database_url, sizes[-1])


def _child(arguments: list[str], database_url: str, size: int) -> None:
    sys.stdout.flush()
    environment = {**os.environ, "BENCH_DATABASE_URL": database_for(database_url, size)}
    subprocess.run([sys.executable, "-m", "bench", *arguments], check=True, cwd=ROOT, env=environment)
