"""Verification throughput against a Crossref-like server that enforces Crossref's limits.

(a) network: verify citations with distinct DOIs against a local server that refuses (429)
    more than 10 requests in any second or more than 3 at once — the polite-pool limits — and
    report citations/s (target >= 9) and how many requests were refused (target 0): first the
    citations of every recorded work (each DOI Crossref has costs one request), then N
    citations most of whose DOIs Crossref has no record of (see below), as requests/s;
(b) cache: verify the same citations again, with the server gone, from the on-disk cache,
    in a state as cold as a new process's: citations/s of a plain re-run (target >= 2000;
    every answer is cached, so no request is made) and of one with ``--offline``.

The server (tests/crossref_server.py) serves the recorded Crossref responses; to have more
distinct DOIs than there are recordings, the citations of the labelled cases are joined by
SYNTHETIC ones whose DOIs the server does not know (each is ``not_found`` and costs two
requests: its lookup, then its registration agency, which says whether another agency such as
DataCite holds it; 404s are never cached, so pass (b) uses only the recorded ones). So the
second part of (a) is judged by its requests per second, against the server's limit: with
most of its DOIs unknown, its citations/s is about half of that.
Run from the project root: ``python bench/verify.py``.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from archiver.citations import cited  # noqa: E402
from archiver.citations.cache import Cache  # noqa: E402
from archiver.citations.compare import text  # noqa: E402
from archiver.citations.crossref import CrossrefClient  # noqa: E402
from archiver.citations.verify import Verifier  # noqa: E402

from crossref_server import CrossrefServer  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=80,
                        help="citations for the second part of pass (a), most of them unknown")
    parser.add_argument("--repeat", type=int, default=20, help="warm cache passes for (b)")
    parser.add_argument("--cold", type=int, default=9, help="cold cache passes for (b)")
    args = parser.parse_args()
    cases = [json.loads(line) for line in
             (ROOT / "tests" / "fixtures" / "verify" / "cases.jsonl").read_text().splitlines()]
    real: dict[str, str] = {}
    for case in cases:
        if case["doi"] and case["expect"] == "verified":
            real.setdefault(case["doi"], case["text"])
    texts = list(real.values())
    synthetic = [f"Synthetic citation {i}. Journal of Benchmarks, 1(1), 1-2. "
                 f"https://doi.org/10.5555/bench.{i}" for i in range(max(0, args.n - len(texts)))]
    texts = (texts + synthetic)[:args.n]
    with tempfile.TemporaryDirectory() as tmp:
        # (a), first: the recorded works alone, each found with one request (its own cache:
        # the second part asks for the same DOIs again)
        with CrossrefServer(rate_limit=10, max_concurrent=3) as server:
            verifier = Verifier(CrossrefClient(base_url=server.url, mailto="bench@example.org",
                                               cache=Cache(Path(tmp) / "found")))
            start = time.perf_counter()
            found = verifier.verify_all([(t, None) for t in real.values()])
            found_time = time.perf_counter() - start
            found_refused = server.refused
            found_requests = len(server.requests)
        found_statuses = {s: sum(1 for r in found if r.status == s) for s in
                          {r.status for r in found}}
        cache = Cache(Path(tmp) / "cache")
        with CrossrefServer(rate_limit=10, max_concurrent=3) as server:
            client = CrossrefClient(base_url=server.url, mailto="bench@example.org",
                                    cache=cache)
            verifier = Verifier(client)
            start = time.perf_counter()
            results = verifier.verify_all([(t, None) for t in texts])
            network = time.perf_counter() - start
            refused = server.refused
            kinds = {k: server.refusals.count(k) for k in sorted(set(server.refusals))}
            requests = len(server.requests)
        statuses = {s: sum(1 for r in results if r.status == s) for s in
                    {r.status for r in results}}
        cached_texts = [t for t, r in zip(texts, results, strict=True) if r.status != "not_found"]
        cached_texts += [c["text"] for c in cases if c["doi"] and c["expect"] != "not_found"
                         and c["doi"] in real]
        # (b) as a later run would: a new client (the server now gone, so a request would
        # show as `unresolved`) with a new cache object (nothing in memory), cleared memo
        # caches, an empty character-folding table and re's cache of compiled patterns
        # purged; the median of several, as one lasts a tenth of a second. A plain re-run
        # (the target) and one with --offline.
        def cold_pass(offline: bool) -> float:
            for memo in (text._fold_map, text.word_tuple, text.locate,
                         cited.strip_doi_and_urls):
                memo.cache_clear()
            for table in (text._FOLD_TABLE, text._MET, text._NOT_ONE):
                table.clear()
            re.purge()
            again = Verifier(CrossrefClient(base_url=server.url, mailto="bench@example.org",
                                            cache=Cache(cache.root), offline=offline))
            start = time.perf_counter()
            results = again.verify_all([(t, None) for t in cached_texts])
            took = time.perf_counter() - start
            assert all(r.status != "unresolved" for r in results), "a request was made"
            return took

        rerun = statistics.median(cold_pass(False) for _ in range(args.cold))
        offline_run = statistics.median(cold_pass(True) for _ in range(args.cold))
        offline = Verifier(CrossrefClient(base_url=server.url, cache=Cache(cache.root),
                                          offline=True))
        start = time.perf_counter()
        for _ in range(args.repeat):
            offline.verify_all([(t, None) for t in cached_texts])
        warm = time.perf_counter() - start
    print(f"(a) the {len(real)} recorded works' citations, {found_requests} requests in "
          f"{found_time:.2f} s: {len(real) / found_time:.1f} citations/s (target >= 9), "
          f"{found_refused} refused (target 0); statuses {found_statuses}")
    print(f"    {len(texts)} citations, {max(0, len(texts) - len(real))} of them "
          f"SYNTHETIC with DOIs the server does not know (two requests each), {requests} "
          f"requests in {network:.2f} s: {requests / network:.1f} requests/s (the server "
          f"allows 10), {len(texts) / network:.1f} citations/s, {refused} refused "
          f"(target 0){' ' + str(kinds) if kinds else ''}; statuses {statuses}")
    print(f"(b) {len(cached_texts)} citations again, from the on-disk cache, in a cold state: "
          f"{len(cached_texts) / rerun:.0f} citations/s as a plain re-run (median of "
          f"{args.cold}; target >= 2000), {len(cached_texts) / offline_run:.0f}/s with "
          f"--offline; then {len(cached_texts) * args.repeat / warm:.0f}/s over {args.repeat} "
          f"warm passes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
