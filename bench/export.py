"""Export memory: exporting N records must run in flat memory (design §7).

The archive here is SYNTHETIC: N records made on the fly from the real records of the bundled
archive (archive/), each with its own id, title suffix and key, served through the same
interface the store offers (``versions``, ``read_bytes``). Exports go to a sink that discards
them. Peak memory is measured for 10k and 100k records in the same run; the
growth between them is the figure (target < 50 MB). Each size runs in its own process, so the
peak resident set size (getrusage) is that export's alone.
Run from the project root: ``python bench/export.py``.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from archiver.export import export, works_of  # noqa: E402
from archiver.store import Archive  # noqa: E402


@dataclass
class _Version:
    state: dict[str, str]


class SyntheticArchive:
    """N records made from real ones, one at a time, never all held in memory."""

    def __init__(self, templates: list[dict[str, bytes]], count: int):
        self.templates = templates
        self.count = count

    def object_ids(self):
        return (f"bench:{i}" for i in range(self.count))

    def _files(self, object_id: str) -> dict[str, bytes]:
        n = int(object_id.split(":")[1])
        files = dict(self.templates[n % len(self.templates)])
        record = json.loads(files["record.json"])
        record["id"] = object_id
        record["title"] = f"{record.get('title') or ''} ({n})"
        record["citation_key"] = f"{record.get('citation_key') or 'post'}{n}"
        files["record.json"] = json.dumps(record, ensure_ascii=False).encode()
        return files

    def versions(self, object_id: str) -> list[_Version]:
        return [_Version({name: "-" for name in self.templates[0]})]

    def read_bytes(self, object_id: str, logical: str, version: str | None = None) -> bytes:
        return self._files(object_id)[logical]

    def read_json(self, object_id: str, logical: str, version: str | None = None) -> Any:
        return json.loads(self.read_bytes(object_id, logical, version))


def templates_from(archive_root: Path) -> list[dict[str, bytes]]:
    real = Archive.open(archive_root)
    templates = []
    for object_id in real.object_ids():
        record = json.loads(real.read_bytes(object_id, "record.json"))
        if record.get("kind") in ("deleted", "blocked", "unavailable"):
            continue
        templates.append({"record.json": real.read_bytes(object_id, "record.json"),
                          "provenance.json": real.read_bytes(object_id, "provenance.json")})
    return templates


def child(archive_root: Path, count: int, fmt: str) -> None:
    """One export in this process: print its peak resident memory (MB) and time (s)."""
    archive = SyntheticArchive(templates_from(archive_root), count)
    start = time.perf_counter()
    written = export(works_of(archive, archive.object_ids()), fmt, lambda text: None)
    assert written == count
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(peak, time.perf_counter() - start)


def measure(archive_root: Path, count: int, fmt: str) -> tuple[float, float]:
    done = subprocess.run([sys.executable, __file__, "--archive", str(archive_root),
                           "--format", fmt, "--child", str(count)],
                          capture_output=True, text=True, check=True)
    peak, elapsed = done.stdout.split()
    return float(peak), float(elapsed)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive", type=Path, default=ROOT / "archive")
    parser.add_argument("--format", default="biblatex")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.archive, args.child, args.format)
        return 0
    small, t_small = measure(args.archive, 10_000, args.format)
    large, t_large = measure(args.archive, 100_000, args.format)
    print(f"export {args.format}: 10k records peak {small:.1f} MB ({t_small:.1f} s), "
          f"100k records peak {large:.1f} MB ({t_large:.1f} s): growth {large - small:.1f} MB "
          f"(target < 50 MB), ratio {large / small:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
