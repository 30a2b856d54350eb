"""A real HTTP server on 127.0.0.1 (port 0, in a thread) that answers like the Crossref REST API.

It serves the *recorded* Crossref responses in tests/fixtures/crossref/ (real records, copied
from the shared corpus): ``/works/{doi}`` with ``Content-Type: application/json``, and 404
``Resource not found.`` as ``text/plain`` for any DOI it has no recording of, as Crossref does.
``/works/{doi}/agency`` names Crossref for a recorded work, and a DOI's agency a test gives
(SYNTHETIC), else 404. ``/works?query.bibliographic=…`` ranks the recorded works by shared
words: a stand-in for Crossref's search, enough to exercise search-based matching.

Faults are SYNTHETIC and labelled as such: a test sets ``faults[doi]`` to a list of replies to
give, in order, before the real one — ``"429"`` (with ``Retry-After``), ``"500"``, ``"slow"``
(sleeps past the client's timeout), ``"not-json"`` (a 200 whose body is HTML), and, for the
stress tests of bad evidence: ``"bad-json"`` (a 200 ``application/json`` body cut off
mid-way), ``"wrong-shape"`` (valid JSON whose ``message`` is not a work), ``"empty-record"``
(a work with no fields), ``"doi-only"`` (a work that gives only the DOI asked for),
``"bad-types"`` (a work whose fields have the wrong JSON types), ``"bad-names"`` (the real
record with its first author's family name a number), ``"other-doi"`` (the record of another
recorded work) and ``"reset"`` (the connection closed without a reply); for a search (key
``"search"``): ``"no-total"`` (a list of works without its ``total-results``) and
``"bad-candidate"`` (the real candidates, the first with its container title a string);
``"trickle"`` (the real record, its length said, sent a byte every ``trickle_seconds``) and
``"huge"`` (the real record with a title of 20 million characters), ``"moved"`` (a 301 to
``https://api.crossref.org`` and the same path).
``requests`` records every path asked, with the time, so tests can check retries and rate
limits.
"""

from __future__ import annotations

import json
import re
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

RECORDINGS = Path(__file__).parent / "fixtures" / "crossref"


def load_recordings(folder: Path = RECORDINGS) -> dict[str, dict[str, Any]]:
    works = {}
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        message = data.get("message") if isinstance(data, dict) else None
        if isinstance(message, dict) and message.get("DOI"):
            works[message["DOI"].lower()] = data
    return works


def _tokens(text: str) -> set[str]:
    return {t for t in re.findall(r"\w+", text.lower()) if len(t) > 2}


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that gave up (a SYNTHETIC ``slow`` reply outlasting its timeout) and left
        is what the test wanted: no traceback on stderr for the broken pipe."""
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)


class CrossrefServer:
    def __init__(self, works: dict[str, dict[str, Any]] | None = None, retry_after: str = "1",
                 slow_seconds: float = 2.0, rate_limit: int = 0, max_concurrent: int = 0):
        self.works = load_recordings() if works is None else works
        self.faults: dict[str, list[str]] = {}
        # SYNTHETIC registration agencies (id, label) of DOIs Crossref holds no record of
        self.agencies: dict[str, tuple[str, str]] = {}
        self.agency_faults: dict[str, list[str]] = {}  # as ``faults``, for the agency route
        self.requests: list[tuple[float, str]] = []
        self.retry_after = retry_after
        self.slow_seconds = slow_seconds
        self.trickle_seconds = 0.05
        # Crossref-like limits (0 = none): more than rate_limit requests in any one second,
        # or more than max_concurrent at once, are refused with 429 and counted
        self.rate_limit = rate_limit
        self.max_concurrent = max_concurrent
        self.refused = 0
        self.refusals: list[str] = []
        self._active = 0
        self._lock = threading.Lock()
        self._server = _QuietServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> CrossrefServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _next_fault(self, key: str, faults: dict[str, list[str]] | None = None) -> str | None:
        with self._lock:
            queue = (self.faults if faults is None else faults).get(key)
            return queue.pop(0) if queue else None

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def reply(self, code: int, body: bytes, ctype: str = "application/json",
                      headers: dict[str, str] | None = None) -> None:
                self.send_response(code)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(body)

            def trickle(self, body: bytes) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    for byte in body:
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                        time.sleep(server.trickle_seconds)
                except OSError:  # the client gave up, or the server is shut
                    pass

            def do_GET(self) -> None:
                now = time.monotonic()
                with server._lock:
                    server.requests.append((now, self.path))
                    recent = sum(1 for t, _ in server.requests if now - t < 1.0)
                    too_fast = bool(server.rate_limit and recent > server.rate_limit)
                    too_many = bool(server.max_concurrent
                                    and server._active >= server.max_concurrent)
                    over = too_fast or too_many
                    if over:
                        server.refused += 1
                        server.refusals.append("rate" if too_fast else "concurrency")
                    else:
                        server._active += 1
                if over:
                    return self.reply(429, b'{"status":"error","message":"limit exceeded"}',
                                      headers={"Retry-After": "1"})
                try:
                    self.serve()
                finally:
                    with server._lock:
                        server._active -= 1

            def agency(self, doi: str) -> None:
                """``/works/{doi}/agency``: Crossref for a recorded work (Crossref served
                it), a test's SYNTHETIC ``agencies[doi]`` for another, else 404, as Crossref
                answers for a DOI that does not exist."""
                fault = server._next_fault(doi, server.agency_faults)
                if fault == "500":
                    return self.reply(500, b'{"status":"error"}')
                if fault == "not-json":
                    return self.reply(200, b"<html>maintenance</html>", "text/html")
                if fault == "wrong-shape":
                    return self.reply(200, b'{"status":"ok","message":{"DOI":"x"}}')
                agency = server.agencies.get(doi) or (
                    ("crossref", "Crossref") if doi in server.works else None)
                if agency is None:
                    return self.reply(404, b"Resource not found.", "text/plain")
                body = {"status": "ok", "message-type": "work-agency", "message-version": "1.0.0",
                        "message": {"DOI": doi, "agency": {"id": agency[0], "label": agency[1]}}}
                return self.reply(200, json.dumps(body).encode())

            def serve(self) -> None:
                parts = urllib.parse.urlsplit(self.path)
                path = urllib.parse.unquote(parts.path)
                match = re.match(r"^/works/(10\..+?)(/agency)?/?$", path)
                key = match.group(1).lower() if match else "search"
                if match and match.group(2):
                    return self.agency(key)
                fault = server._next_fault(key)
                if fault == "429":
                    return self.reply(429, b'{"status":"error","message":"rate limited"}',
                                      headers={"Retry-After": server.retry_after})
                if fault == "500":
                    return self.reply(500, b'{"status":"error"}')
                if fault == "slow":
                    time.sleep(server.slow_seconds)
                if fault == "moved":
                    return self.reply(301, b"", "text/plain", headers={
                        "Location": "https://api.crossref.org" + self.path})
                if fault == "trickle" and key in server.works:
                    return self.trickle(json.dumps(server.works[key]).encode())
                if fault == "huge" and key in server.works:
                    work = json.loads(json.dumps(server.works[key]))
                    work["message"]["title"] = ["A" * 20_000_000]
                    return self.reply(200, json.dumps(work).encode())
                if fault == "not-json":
                    return self.reply(200, b"<html>maintenance</html>", "text/html")
                if fault == "bad-json":
                    return self.reply(200, b'{"status":"ok","message-type":"work","message":'
                                           b'{"DOI":"10.')
                if fault == "wrong-shape":
                    return self.reply(200, b'{"status":"ok","message":["not","a","work"]}')
                if fault in ("empty-record", "doi-only", "bad-types"):
                    message: Any = {} if fault == "empty-record" else {"DOI": key}
                    if fault == "bad-types":
                        message.update({"title": "a string, not a list", "author": {"x": 1},
                                        "issued": "2020", "container-title": 7,
                                        "volume": ["1"], "page": {"first": 1}})
                    body = {"status": "ok", "message-type": "work", "message": message}
                    return self.reply(200, json.dumps(body).encode())
                if fault == "bad-names" and key in server.works:
                    work = json.loads(json.dumps(server.works[key]))
                    work["message"]["author"][0]["family"] = 5
                    return self.reply(200, json.dumps(work).encode())
                if fault == "other-doi":
                    other = next(w for d, w in sorted(server.works.items()) if d != key)
                    return self.reply(200, json.dumps(other).encode())
                if fault == "reset":
                    self.close_connection = True
                    return None  # no status line, no body: the client sees the socket close
                if match:
                    if key in server.works:
                        return self.reply(200, json.dumps(server.works[key]).encode())
                    return self.reply(404, b"Resource not found.", "text/plain")
                if path.rstrip("/") == "/works":
                    query = urllib.parse.parse_qs(parts.query)
                    wanted = _tokens(" ".join(query.get("query.bibliographic", [])))
                    rows = int((query.get("rows") or ["20"])[0])
                    scored = []
                    for work in server.works.values():
                        message = work["message"]
                        blob = " ".join([*message.get("title", []),
                                         *message.get("container-title", []),
                                         *(a.get("family", "") for a in message.get("author", []))])
                        score = len(wanted & _tokens(blob))
                        if score:
                            scored.append({**message, "score": float(score)})
                    scored.sort(key=lambda item: -item["score"])
                    body = {"status": "ok", "message-type": "work-list",
                            "message": {"total-results": len(scored), "items": scored[:rows]}}
                    if fault == "no-total":
                        del body["message"]["total-results"]
                    if fault == "bad-candidate" and scored:
                        scored[0]["container-title"] = scored[0]["container-title"][0]
                    return self.reply(200, json.dumps(body).encode())
                return self.reply(404, b"Resource not found.", "text/plain")

        return Handler
