"""Crossref faults (design §6, §8; extends tests/test_verify.py, on the same local server).

Whatever goes wrong between archiver and Crossref:

- no citation is ever ``verified`` (or called wrong) on bad evidence: a reply that is not a
  record of the DOI asked for (cut-off JSON, JSON of another shape, an empty record, a record
  of another DOI, fields of the wrong types) leaves the citation ``unresolved``, with the
  reason;
- a citation that could not be checked is ``unresolved`` with the reason, and makes
  ``archiver verify`` exit 3;
- the cache never keeps a failure as if it were a record: after a fault there is no entry;
  after a fault and then a success, the entry is the real record.

Every fault is SYNTHETIC and labelled in tests/crossref_server.py: connection refused (a closed
port), timeouts (``slow``), 429 storms, 500s, connections closed without a reply, and the bad
replies above. ``make stress`` repeats the storms longer than the client's retries and mixes
faults at random (seeded).

Several of these first failed and led to fixes in ``archiver/citations/crossref.py``: a reply
is checked to be the record of the DOI asked for, a connection broken mid-reply is retried, and
an error reply habanero cannot read is judged by its status.
"""

from __future__ import annotations

import json
import random
import socket
from functools import partial
from pathlib import Path

import pytest

import archiver.verified
from archiver.citations.cache import Cache
from archiver.citations.crossref import CrossrefClient
from archiver.citations.ratelimit import Limits
from archiver.citations.verify import Verifier

from crossref_server import CrossrefServer
from stress_support import SEED, STRESS, cli, sized

CASES = [json.loads(line) for line in
         (Path(__file__).parents[1] / "fixtures" / "verify" / "cases.jsonl")
         .read_text(encoding="utf-8").splitlines()]
CASE = next(c for c in CASES if c["expect"] == "verified" and c["doi"] and not c["injected"])
DOI = CASE["doi"].lower()
FAST = Limits(per_second=1000, concurrent=4, search_per_second=1000)  # a local server only


# fault → what the reason must say. Each fault is repeated past the client's retries.
UNREACHABLE = {
    "refused": "unreachable",
    "slow": "timed out",
    "429": "rate-limited by Crossref (429)",
    "500": "server error 500",
    "reset": "RemoteProtocolError",
}
BAD_REPLIES = {
    "not-json": "not JSON",
    "bad-json": "not JSON",
    "wrong-shape": "no message",
}
NOT_A_RECORD = ("empty-record", "doi-only", "bad-types", "other-doi")
# the fast version asks the command about fewer faults and the library about fewer texts
CLI_FAULTS = sorted({**UNREACHABLE, **BAD_REPLIES}) if STRESS else ["429", "bad-json",
                                                                    "refused"]
TEXTS = [pytest.param(CASE["text"], id="reference")] + (
    [pytest.param(CASE["doi"], id="bare-doi")] if STRESS else [])


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


@pytest.fixture(scope="module")
def running_server():
    with CrossrefServer(retry_after="0", slow_seconds=1.0) as running:
        yield running


@pytest.fixture
def server(running_server):
    """The module's server, with no fault left over from another test."""
    running_server.faults.clear()
    running_server.requests.clear()
    return running_server


def client(url: str, cache: Path, **kwargs) -> CrossrefClient:
    kwargs = {"limits": FAST, "backoff": 0.0, "sleep": lambda s: None, "retries": 2,
              "timeout": 0.3, **kwargs}
    return CrossrefClient(base_url=url, cache=Cache(cache), **kwargs)


def cached(cache: Path) -> list[Path]:
    return sorted((cache / "crossref").rglob("*.json")) if (cache / "crossref").is_dir() else []


def verify_under(fault: str, server: CrossrefServer, cache: Path, text: str):
    url = closed_port_url() if fault == "refused" else server.url
    if fault != "refused":
        server.faults[DOI] = [fault] * 10  # SYNTHETIC: longer than the retries
    return Verifier(client(url, cache)).verify(text)


# -- the library: every fault, a full reference and a bare DOI ---------------------------------

@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("fault", sorted({**UNREACHABLE, **BAD_REPLIES}))
def test_a_fault_leaves_the_citation_unresolved_with_the_reason_and_nothing_cached(
        fault, text, server, tmp_path):
    result = verify_under(fault, server, tmp_path / "cache", text)
    assert result.status == "unresolved"
    assert {**UNREACHABLE, **BAD_REPLIES}[fault] in result.reason
    assert result.evidence is None and not result.fields  # nothing rests on the fault
    assert cached(tmp_path / "cache") == []


@pytest.mark.parametrize("text", [pytest.param(CASE["text"], id="reference"),
                                  pytest.param(CASE["doi"], id="bare-doi")])
@pytest.mark.parametrize("fault", list(NOT_A_RECORD))
def test_a_reply_that_is_no_record_of_the_doi_is_never_evidence(fault, text, server, tmp_path):
    """An empty record, one that gives only the DOI, one with fields of the wrong JSON types,
    the record of another DOI: neither verified nor a mismatch, never cached."""
    result = verify_under(fault, server, tmp_path / "cache", text)
    assert result.status == "unresolved"
    assert DOI in result.reason
    assert cached(tmp_path / "cache") == []


@pytest.mark.parametrize("faults", [["429"], ["500", "500"], ["slow"], ["429", "slow"],
                                    ["reset"]],
                         ids=lambda f: "+".join(f))
def test_after_passing_faults_the_real_record_is_used_and_cached(faults, server, tmp_path):
    server.faults[DOI] = list(faults)  # SYNTHETIC, fewer than the retries
    result = Verifier(client(server.url, tmp_path / "cache", retries=3)).verify(CASE["text"])
    assert result.status == "verified"
    entry = Cache(tmp_path / "cache").work(DOI)
    assert entry is not None and entry.message == server.works[DOI]["message"]


def test_a_search_storm_is_unresolved_not_ambiguous(server, tmp_path):
    """Without a DOI the search is what fails: 'could not check', not 'no candidate'."""
    case = next(c for c in CASES if c["doi"] is None and c["expect"] == "verified")
    server.faults["search"] = ["429"] * 10  # SYNTHETIC
    result = Verifier(client(server.url, tmp_path / "cache")).verify(case["text"])
    assert result.status == "unresolved" and "429" in result.reason
    assert cached(tmp_path / "cache") == []


def test_random_fault_storms_never_give_a_verdict_on_bad_evidence(server, tmp_path, figure):
    """Seeded storms of mixed faults over the labelled cases: every citation ends verified
    or mismatch exactly as without faults (its faults passed), or unresolved with a reason
    (they did not); never anything else, and never a cached failure."""
    rng = random.Random(SEED)
    cases = list({c["doi"].lower(): c for c in CASES if c["doi"]}.values())[: sized(15, 200)]
    kinds = ["429", "500", "not-json", "bad-json", "wrong-shape"] + (["slow"] if STRESS else [])
    clean = Verifier(client(server.url, tmp_path / "clean"))
    expected = [clean.verify(c["text"]).status for c in cases]
    server.requests.clear()
    for case in cases:
        server.faults[case["doi"].lower()] = [rng.choice(kinds)
                                              for _ in range(rng.randrange(0, 5))]
    stormy = Verifier(client(server.url, tmp_path / "stormy", retries=2))
    results = [stormy.verify(c["text"]) for c in cases]
    wrong = [(c["doi"], r.status, want) for c, r, want in zip(cases, results, expected,
                                                             strict=True)
             if r.status not in (want, "unresolved") or (r.status == "unresolved"
                                                         and not r.reason)]
    unresolved = sum(r.status == "unresolved" for r in results)
    for case, result in zip(cases, results, strict=True):
        entry = Cache(tmp_path / "stormy").work(case["doi"])
        if result.status in ("verified", "mismatch"):
            assert entry.message == server.works[case["doi"].lower()]["message"]
        else:  # unresolved, or not_found (a 404 is not cached either)
            assert entry is None
    figure("crossref", f"{len(cases) - len(wrong)}/{len(cases)} citations under seeded fault "
                       f"storms kept their verdict or were unresolved with the reason "
                       f"({unresolved} unresolved, {len(wrong)} on bad evidence); "
                       "0 failures cached")
    assert not wrong, wrong


# -- the command: exit 3 and the reason --------------------------------------------------------

@pytest.fixture
def quick_client(monkeypatch, tmp_path):
    """``archiver verify`` with no waiting between retries and a short timeout: the faults
    are the same, the run is fast."""
    monkeypatch.setattr(archiver.verified, "CrossrefClient",
                        partial(CrossrefClient, sleep=lambda s: None, backoff=0.0, retries=2))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "archiver.toml").write_text("http_timeout = 0.3\n", encoding="utf-8")
    for name in ("ARCHIVER_ARCHIVE", "ARCHIVER_CROSSREF_URL", "ARCHIVER_CACHE_DIR"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize("fault", CLI_FAULTS)
def test_verify_exits_3_and_says_why_when_crossref_could_not_be_asked(fault, server, tmp_path,
                                                                     quick_client):
    refs = tmp_path / "refs.txt"
    refs.write_text(CASE["text"] + "\n", encoding="utf-8")
    url = closed_port_url() if fault == "refused" else server.url
    if fault != "refused":
        server.faults[DOI] = [fault] * 10  # SYNTHETIC
    cache = tmp_path / "cache"
    result = cli("verify", refs, "--json", "--crossref-url", url,
                 env={"ARCHIVER_CACHE_DIR": str(cache)})
    assert result.exit_code == 3, result.stderr
    [citation] = json.loads(result.stdout)["citations"]
    assert citation["status"] == "unresolved"
    assert {**UNREACHABLE, **BAD_REPLIES}[fault] in citation["reason"]
    assert cached(cache) == []
    text = cli("verify", refs, "--crossref-url", url, env={"ARCHIVER_CACHE_DIR": str(cache)})
    assert text.exit_code == 3
    assert text.stdout.startswith("unresolved") and citation["reason"][:40] in text.stdout


@pytest.mark.parametrize("fault", list(NOT_A_RECORD))
def test_verify_exits_3_on_a_reply_that_is_no_record_of_the_doi(fault, server, tmp_path,
                                                               quick_client):
    refs = tmp_path / "refs.txt"
    refs.write_text(CASE["text"] + "\n", encoding="utf-8")
    server.faults[DOI] = [fault] * 10  # SYNTHETIC
    result = cli("verify", refs, "--json", "--crossref-url", server.url,
                 env={"ARCHIVER_CACHE_DIR": str(tmp_path / "cache")})
    assert result.exit_code == 3, result.stderr
    assert json.loads(result.stdout)["citations"][0]["status"] == "unresolved"
    assert cached(tmp_path / "cache") == []
