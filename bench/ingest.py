"""Ingest benchmarks: ratios against baselines measured in the same run, on the same bytes.

(a) extraction per post (read + clean + assets + record, no storage; schema validation, which
    runs before each write, is reported beside it)
    ÷ the time lxml takes just to parse the same bytes                      target ≤ 3
    printed for all posts, for the HTML pages alone, and for the Markdown exports in ms
    (lxml parsing Markdown text, which is not HTML, measures nothing the extraction does)
(b) a full ingest into a fresh archive ÷ copying the same bytes, sha512-ing them and fsyncing
    them (the storage floor)                                                target ≤ 2
    and the same ingest with ``--jobs`` (2 by default: posts read and cleaned in a second
    process while this one stores), against the same floor
    and the extraction of (a) alone ÷ the same floor: what the ratio owes to reading and
    cleaning the posts, before anything is stored; and the storage alone (the same posts,
    extracted beforehand, committed into a fresh archive: the images' digests, the OCFL
    object of each post, its inventories, made durable) ÷ the same floor
(c) re-ingesting the unchanged corpus ÷ the first ingest                    target ≤ 0.05
(d) per container format (save-page folder, SingleFile, MHTML, WARC, WACZ; converted from real
    pages, tests/fixtures/containers): extraction of the posts in the file ÷ lxml's parse of
    the same article page bytes                                               target ≤ 3
    and, for the formats saved as an HTML file, ÷ lxml's parse of that file (a SingleFile
    page holds its images inlined: parsing it alone is several times the original page's)

Each timing is the median of --repeat runs. Run from the project root: ``python bench/ingest.py``
(``make bench``). The corpus defaults to tests/fixtures/wechat.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import lxml.html

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from archiver.config import load_config  # noqa: E402
from archiver.discover import discover  # noqa: E402
from archiver.pipeline import ingest_paths, start_workers  # noqa: E402
from archiver.prepare import prepare, prepare_all  # noqa: E402
from archiver.readers import UnsupportedFormat, detect  # noqa: E402
from archiver.store import Archive, Change  # noqa: E402


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def paired_medians(fns, repeat: int) -> list[float]:
    """Median time of each function, the functions run in turn within each repetition, so
    that a ratio of two of them is not skewed by the machine's speed drifting between
    separate loops (a shared machine drifts by tens of per cent within a minute)."""
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for fn, out in zip(fns, times, strict=True):
            start = time.perf_counter()
            fn()
            out.append(time.perf_counter() - start)
    return [statistics.median(t) for t in times]


def posts(corpus: Path) -> list[Path]:
    out = []
    for path, _named in discover([corpus]):
        try:
            detect(path)
        except UnsupportedFormat:
            continue
        out.append(path)
    return out


def storage_floor(files: list[Path], target: Path) -> None:
    """Copy every byte an ingest reads, sha512 it and fsync it."""
    target.mkdir()
    for i, path in enumerate(files):
        data = path.read_bytes()
        hashlib.sha512(data).hexdigest()
        with open(target / str(i), "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())


def commit_prepared(files: list[Path], config, root: Path):
    """Store posts extracted beforehand as an ingest stores them: each file's posts
    (extracted afresh per call, outside the timing, so that no digest is reused), committed
    together into a fresh archive at ``root``."""
    prepared = [item for path in files for item in prepare_all(path, config)]

    def store() -> None:
        archive = Archive.open(root, create=True)
        with archive.writer():
            archive.commit_all([Change(item.object_id, item.files, "bench",
                                       digests=item.digests, fixity=item.sha256)
                                for item in {item.object_id: item for item in prepared}.values()])
    return store


def container_ratios(config, repeat: int) -> tuple[dict[str, float], dict[str, float]]:
    """Extraction time ÷ lxml parse of the same pages, summed per container format; and, for
    the formats that are HTML files (SingleFile, a save-page folder's page), ÷ lxml parse of
    the saved file itself (a SingleFile page is the page plus its images inlined)."""
    folder = ROOT / "tests" / "fixtures" / "containers"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    sums: dict[str, list[float]] = {}
    for name, entry in sorted(manifest.items()):
        if name.startswith("hostile"):
            continue
        path = folder / name / "page.html" if (folder / name).is_dir() else folder / name
        kind = entry.get("kind", path.suffix.lstrip("."))
        pages = [(ROOT / "tests" / "fixtures" / "wechat" / post["source"]).read_bytes()
                 for post in entry["posts"]]
        saved = path.read_bytes() if path.suffix == ".html" else None
        extract, parse, own = paired_medians(
            [lambda p=path: prepare_all(p, config, validate=False),
             lambda pages=pages: [lxml.html.document_fromstring(d) for d in pages],
             lambda saved=saved: saved and lxml.html.document_fromstring(saved)], repeat)
        totals = sums.setdefault(kind, [0.0, 0.0, 0.0])
        totals[0] += extract
        totals[1] += parse
        totals[2] += own if saved is not None else 0.0
    return ({kind: t[0] / t[1] for kind, t in sums.items()},
            {kind: t[0] / t[2] for kind, t in sums.items() if t[2]})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "tests" / "fixtures" / "wechat")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=2,
                        help="processes of the parallel ingest timed beside (b)")
    args = parser.parse_args()
    # the workers of (b)'s parallel ingest, started first, as the command line starts them:
    # forked from a process that runs no other thread yet
    pool = start_workers(args.jobs)
    logging.disable(logging.CRITICAL)
    files = posts(args.corpus)
    data = {p: p.read_bytes() for p in files}
    every_file = [p for p in sorted(args.corpus.rglob("*")) if p.is_file()]
    work = Path(tempfile.mkdtemp(prefix="archiver-bench-"))
    config = load_config({}, work).with_overrides(fetch=False)
    try:
        # (a) extraction vs lxml parse, post by post (each pair timed in turn), summed
        timed = {p: paired_medians(
            [lambda d=data[p]: lxml.html.document_fromstring(d),
             lambda p=p: prepare(p, config, None, "bench", validate=False),
             lambda p=p: prepare(p, config, None, "bench")], args.repeat) for p in files}
        parse = sum(t[0] for t in timed.values())
        extract = sum(t[1] for t in timed.values())
        validated = sum(t[2] for t in timed.values())
        ratio_a = extract / parse
        html = [p for p in files if p.suffix == ".html"]
        html_ratio = sum(timed[p][1] for p in html) / sum(timed[p][0] for p in html)
        markdown = [p for p in files if p.suffix == ".md"]
        md_size = sum(len(data[p]) for p in markdown)
        md_extract = sum(timed[p][1] for p in markdown)

        # (b) full ingest vs the storage floor
        def fresh_ingest() -> None:
            root = Path(tempfile.mkdtemp(dir=work))
            ingest_paths([args.corpus], config.with_overrides(archive=root / "archive"))

        def floor() -> None:
            storage_floor(every_file, Path(tempfile.mkdtemp(dir=work)) / "copy")

        def fresh_ingest_jobs() -> None:
            root = Path(tempfile.mkdtemp(dir=work))
            ingest_paths([args.corpus], config.with_overrides(archive=root / "archive"),
                         jobs=args.jobs, pool=pool)

        full, base, parallel = paired_medians([fresh_ingest, floor, fresh_ingest_jobs],
                                              args.repeat)
        ratio_b = full / base
        stored, base_again = [], []
        for i in range(args.repeat):  # each commit timed on posts extracted afresh
            store = commit_prepared(files, config, work / f"stored-{i}" / "archive")
            timed_store, timed_floor = paired_medians([store, floor], 1)
            stored.append(timed_store)
            base_again.append(timed_floor)
        storage = statistics.median(stored) / statistics.median(base_again)

        # (c) re-ingest of the unchanged corpus vs the first ingest
        archive = work / "reingest" / "archive"
        cfg = config.with_overrides(archive=archive)
        start = time.perf_counter()
        ingest_paths([args.corpus], cfg)
        first = time.perf_counter() - start
        again = median_time(lambda: ingest_paths([args.corpus], cfg), args.repeat)
        ratio_c = again / first
        per_format, per_saved_file = container_ratios(config, args.repeat)
    finally:
        pool.shutdown()
        shutil.rmtree(work, ignore_errors=True)

    size = sum(len(d) for d in data.values())
    print(f"corpus: {len(files)} posts, {size / 1e6:.1f} MB of post files, "
          f"{len(every_file)} files in all; median of {args.repeat} runs")
    print(f"(a) extraction {extract / len(files) * 1e3:.1f} ms/post vs lxml parse "
          f"{parse / len(files) * 1e3:.1f} ms/post: ratio {ratio_a:.2f} (target <= 3)")
    print(f"    HTML pages only ({len(html)}): ratio {html_ratio:.2f}; with schema validation "
          f"(done before each write), all posts: ratio {validated / parse:.2f}")
    print(f"    Markdown exports ({len(markdown)}): "
          f"{md_extract / len(markdown) * 1e3:.1f} ms/post, "
          f"{md_extract * 1e3 / (md_size / 1e6):.0f} ms/MB (lxml's parse of Markdown text, "
          "which is not HTML, is no baseline)")
    print(f"(b) full ingest {full:.3f} s vs copy+sha512+fsync floor {base:.3f} s: "
          f"ratio {ratio_b:.2f} (target <= 2)")
    print(f"    with --jobs {args.jobs} ({os.cpu_count()} cores here): {parallel:.3f} s, "
          f"ratio {parallel / base:.2f}; {full / parallel:.2f} x as fast as one process")
    print(f"    of which extraction (as in (a), one post after another) {validated:.3f} s: "
          f"{validated / base:.2f} x the floor by itself; the storage alone (the same "
          f"posts extracted beforehand, committed): {storage:.2f} x the floor")
    print(f"(c) re-ingest {again:.3f} s vs first ingest {first:.3f} s: "
          f"ratio {ratio_c:.3f} (target <= 0.05)")
    print("(d) " + "  ".join(f"{name} {ratio:.2f}" for name, ratio in per_format.items())
          + " (ratio to lxml's parse of the page, target <= 3)")
    print("    the same against lxml's parse of the saved HTML file itself: "
          + "  ".join(f"{name} {ratio:.2f}" for name, ratio in per_saved_file.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
