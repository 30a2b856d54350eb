"""Resolve DOIs and search references through Crossref, with habanero — the only module that
imports it.

``CrossrefClient`` adds what a verification run needs around ``habanero.Crossref``:
- the on-disk :class:`~archiver.citations.cache.Cache` (``offline=True`` uses only it);
- Crossref's published rate limits (:mod:`archiver.citations.ratelimit`);
- retries with backoff on 429 (``Retry-After`` honoured), 5xx and timeouts;
- outcomes instead of exceptions: ``found``, ``not_found`` (404: Crossref does not know the
  DOI, nor does its agency route) or ``unresolved`` with the reason (unreachable,
  rate-limited past the retries, a reply that is not JSON, a DOI another agency registered,
  DataCite say, of which Crossref holds no record). After a connection failure the client
  stops calling for the rest of the run, so an offline run ends quickly and says why.
"""

from __future__ import annotations

import email.utils
import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

import httpx2
from habanero import Crossref, RequestError

from archiver.background import NotInTime, waited_for
from archiver.canonical import utc_now
from archiver.citations.cache import Cache, Entry
from archiver.citations.ratelimit import Limits, RateLimiter
from archiver.urls import doi_url

USER_AGENT = "archiver (citation verification; https://github.com/)"
MAX_RETRY_AFTER = 30.0
# A request's whole answer, headers and body, within this many timeouts: httpx's timeout bounds
# each wait, and a server trickling its reply a byte a second would keep one request for hours
WHOLE_ANSWER_TIMEOUTS = 6
# A route of the API (a DOI's record, or the search) that has answered nothing in time for this
# long (in timeouts, five minutes by default), over at least this many attempts, is given up
# on for the run: a server that is down answers none, and each citation would cost its
# attempts (a hundred: an hour and a half). An answer on the route starts the count again; an
# outage shorter than that, or the other route's, stops nothing.
SILENT_TIMEOUTS = 30
TIMEOUTS_IN_A_ROW = 6
# A reply larger than this (characters of text in it) is no work record: habanero reads a
# reply whole, so this cannot spare the memory of reading it, but the run keeps none of it
# (a 300 MB title once went into the cache, and three times into the report: 11 GB)
MAX_REPLY_CHARS = 16_000_000
_log = logging.getLogger("archiver.crossref")  # --verbose (archiver.cli.steps)
# the characters a DOI keeps unescaped in the path of a request for it
_SAFE = "/:;()[]<>"
# the body of Crossref's 404 for a DOI it has no record of (recorded: errors/404_works_…)
_NOT_FOUND = "Resource not found."


@dataclass(frozen=True)
class Outcome:
    status: str  # found | not_found | unresolved
    message: dict[str, Any] | None = None
    reason: str = ""
    source: str | None = None
    fetched: str | None = None
    cached: bool = False


class _Pending:
    """A request in flight, and its outcome once it is known."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.outcome: Outcome | None = None


class _Retry(Exception):
    def __init__(self, reason: str, wait: float | None = None, timed_out: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.wait = wait
        self.timed_out = timed_out  # no answer in time (else: the server answered)


class _Down(Exception):
    """Crossref cannot be reached at all (connection refused, no route, DNS)."""


class _TooSlow(Exception):
    """No whole answer within the request's deadline: not asked again (it would be as slow)."""


def _within(seconds: float, request: Callable[[], Any]) -> Any:
    """``request()``'s result, or what it raised, if it comes within ``seconds``; else
    _TooSlow. The request runs on a daemon thread, left to end on its own (a trickle ends
    when its server does, or the run)."""
    try:
        return waited_for(request, seconds, "archiver-crossref")
    except NotInTime:
        raise _TooSlow(f"no whole answer within {seconds:g} s (a reply trickling in)") from None


def _text_size(value: Any, limit: int) -> int:
    """The characters of text in a parsed JSON reply (strings, and the keys of objects),
    counted until past ``limit``."""
    size, stack = 0, [value]
    while stack and size <= limit:
        item = stack.pop()
        if isinstance(item, str):
            size += len(item)
        elif isinstance(item, dict):
            size += sum(len(key) for key in item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return size


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(when.tzinfo or UTC)).total_seconds())


_LIST_FIELDS = ("title", "container-title", "short-container-title", "subtitle", "author")
_TEXT_FIELDS = ("DOI", "type", "volume", "issue", "page", "article-number", "publisher")


_NAME_PARTS = ("family", "given", "name", "suffix", "prefix")


def malformed_field(message: dict[str, Any]) -> str | None:
    """The first field of a work record (a DOI's, or a search's candidate) whose JSON type is
    not Crossref's, or None: what the comparison reads must be what it expects (an author's
    family name that is a number would stop the run, not tell that one citation)."""
    for name in _LIST_FIELDS:
        value = message.get(name)
        if value is not None and not (isinstance(value, list) and all(
                isinstance(v, dict if name == "author" else str) for v in value)):
            return name
    for author in message.get("author") or ():
        if any(author.get(part) is not None and not isinstance(author[part], str)
               for part in _NAME_PARTS):
            return "author"
    for name in _TEXT_FIELDS:
        if message.get(name) is not None and not isinstance(message[name], str):
            return name
    return None


def not_a_record_of(message: dict[str, Any], doi: str) -> str | None:
    """Why a reply cannot serve as the record of ``doi`` (None when it can): the record of
    another DOI, no bibliographic field at all, or fields of the wrong JSON types."""
    got = message.get("DOI")
    if not isinstance(got, str) or got.lower() != doi.lower():
        return f"Crossref's reply for {doi} is not its record (it names {got!r})"
    wrong = malformed_field(message)
    if wrong is not None:
        return f"Crossref's record for {doi} has a malformed {wrong!r}"
    if not (message.get("title") or message.get("container-title") or message.get("author")):
        return f"Crossref's reply for {doi} carries no bibliographic fields"
    return None


class CrossrefClient:
    def __init__(self, base_url: str = "https://api.crossref.org", mailto: str | None = None,
                 timeout: float = 10.0, cache: Cache | None = None, offline: bool = False,
                 retries: int = 4, backoff: float = 0.5,
                 sleep: Callable[[float], None] = time.sleep, limits: Limits | None = None):
        self.base_url = base_url.rstrip("/")
        self.cache = cache
        self.offline = offline
        self.retries = retries
        self.backoff = backoff
        self._sleep = sleep
        self._api = Crossref(base_url=self.base_url, mailto=mailto, ua_string=USER_AGENT,
                             timeout=timeout)
        self._deadline = timeout * WHOLE_ANSWER_TIMEOUTS
        self._silent_for = timeout * SILENT_TIMEOUTS
        # route → (attempts in a row that got no answer in time, when the first of them began)
        self._timeouts: dict[str, tuple[int, float]] = {}
        self._route_down: dict[str, str] = {}
        self._answered_at: dict[str, float] = {}  # route → when it last answered
        # Crossref's published limits unless told otherwise (a local test server)
        limits = limits or Limits.for_client(polite=bool(mailto))
        self.limits = limits
        # every request takes a turn of the first (lookups of single works at their rate,
        # and no more than `concurrent` requests open at once, whatever they ask); a list
        # query (a search, the check of the list of works) one of the second as well, at its
        # own lower rate: a server that counts a client's requests in one budget sees no
        # more than per_second of them in a second, nor (a library's caller may ask from
        # more threads than verify_all's) more than `concurrent` open
        self._works = RateLimiter(limits.per_second, limits.concurrent)
        self._searches = RateLimiter(limits.search_per_second, limits.concurrent)
        self._down: str | None = None
        self._down_lock = threading.Lock()
        self._inflight: dict[tuple[str, str], _Pending] = {}
        self._not_found: dict[tuple[str, str], Outcome] = {}
        # a DOI another agency registered, as Crossref's agency route named it: remembered
        # for the client's life (one run) as a 404 is, and never cached on disk either
        self._elsewhere: dict[str, Outcome] = {}
        self._inflight_lock = threading.Lock()
        # whether the server answers as Crossref's API (its list of works), once a DOI is
        # not found (None: not asked yet, or it could not be asked)
        self._is_crossref: bool | None = None
        self._probed = False
        self._probe_lock = threading.Lock()

    # -- public ------------------------------------------------------------------------------

    def work(self, doi: str) -> Outcome:
        """The Crossref work for ``doi`` (cache first)."""
        doi = doi.lower()
        return self._answer("works", doi, lambda: self._fetch_work(doi))

    def _fetch_work(self, doi: str) -> Outcome:
        outcome = self._call(lambda: self._api.works(ids=quote(doi, safe=_SAFE)),
                             self._works, f"DOI {doi}")
        if outcome.status == "not_found":
            registered = self._registered_elsewhere(doi)
            if registered is not None:
                elsewhere = Outcome("unresolved", reason=registered)
                with self._inflight_lock:
                    self._elsewhere[doi] = elsewhere
                return elsewhere
            if self._answers_as_crossref() is False:
                return self._wrong_server()
        if outcome.status == "found":
            problem = not_a_record_of(outcome.message or {}, doi)
            if problem:
                return Outcome("unresolved", reason=problem)
        if outcome.status == "found" and self.cache is not None and outcome.message:
            self.cache.put_work(doi, Entry(outcome.message, self.base_url, outcome.fetched
                                           or utc_now()))
        return outcome

    def _registered_elsewhere(self, doi: str) -> str | None:
        """Why a DOI Crossref has no record of is no wrong DOI, when Crossref's agency route
        (``/works/{doi}/agency``, which answers for every DOI that exists) names who
        registered it: DataCite (Zenodo, arXiv's 10.48550), mEDRA, JaLC, CNKI, ISTIC… keep
        their records elsewhere, and a Crossref DOI may be missing from its API. None when
        the route does not know the DOI either (404) or cannot be asked: ``not_found`` stands."""
        labels: list[str] = []

        def ask() -> dict[str, Any]:
            labels.extend(str(label) for label in
                          self._api.registration_agency(quote(doi, safe=_SAFE)))
            return {"message": {}}

        outcome = self._call(ask, self._works, f"the agency of DOI {doi}")
        if outcome.status != "found" or not labels or not labels[0].strip():
            return None
        agency = labels[0].strip()
        where = doi_url(doi)
        if agency.casefold() == "crossref":
            return (f"Crossref registered this DOI but its API has no record of it (404): "
                    f"nothing to check it against; see {where}")
        return (f"registered with {agency}, not Crossref: Crossref holds no record to check "
                f"it against; see {where}")

    def _answers_as_crossref(self) -> bool | None:
        """Whether the server answers as Crossref's REST API: its list of works
        (``/works?rows=0``) is there. Asked once per client, when a DOI is first not found:
        under a wrong path (``…/api``, a mirror's prefix left out) Crossref's server answers
        every route with the 404 it gives a DOI it has no record of, and every DOI of the run
        would be kept as not found. None when it could not be asked (the 404 then stands)."""
        with self._probe_lock:
            if not self._probed:
                self._probed = True  # asked once: an answer that does not come stays None
                outcome = self._call(lambda: self._api.works(limit=0), self._searches,
                                     "the list of works")
                if outcome.status == "found":
                    self._is_crossref = "items" in (outcome.message or {})
                elif outcome.status == "not_found":
                    self._is_crossref = False
            return self._is_crossref

    def _wrong_server(self) -> Outcome:
        """The outcome of every request of this run once the server is found not to answer
        as Crossref's API: a setting to correct, not a verdict on any citation."""
        return self._give_up("the list of works", (
            f"the server at {self.base_url} does not answer as Crossref's REST API: its "
            f"list of works ({self.base_url}/works) is not found either (404); is the "
            "Crossref URL right? (Crossref's own is https://api.crossref.org)"))

    def _give_up(self, what: str, reason: str) -> Outcome:
        """Nothing more is asked in this run (the first reason found stays the run's):
        ``what`` was being asked for when ``reason`` was met."""
        with self._down_lock:
            self._down = self._down or reason
        _log.info("%s: %s; nothing more is asked in this run", what, self._down)
        return Outcome("unresolved", reason=self._down)

    def _cached(self, kind: str, key: str) -> Outcome | None:
        """This server's cached answer. An answer another server gave (the cache is shared
        by every --crossref-url) is not this one's: a mirror or a test server that lacks a
        DOI must be asked, not answered for."""
        entry = self.cache.get(kind, key) if self.cache is not None else None
        if entry is None or entry.source.rstrip("/") != self.base_url:
            return None
        _log.info("%s: answered from the cache (%s's answer of %s)",
                  f"DOI {key}" if kind == "works" else "search " + key.split("\n", 1)[-1][:80],
                  entry.source, entry.fetched)
        return Outcome("found", entry.message, "from the cache", entry.source, entry.fetched,
                       cached=True)

    def cached_work(self, doi: str) -> Outcome | None:
        """What :meth:`work` answers without a request (from the cache, or a 404 already
        met in this run), else None."""
        return self._cached("works", doi.lower()) or self._known_missing(("works", doi.lower()))

    def cached_search(self, text: str, rows: int = 5) -> Outcome | None:
        """What :meth:`search` answers without a request, else None."""
        return self._cached("searches", f"{rows}\n{text}")

    def _known_missing(self, key: tuple[str, str]) -> Outcome | None:
        with self._inflight_lock:
            return self._met(key)

    def _met(self, key: tuple[str, str]) -> Outcome | None:
        """A 404 met in this run, or a DOI found registered with another agency (the lock
        held)."""
        return self._not_found.get(key) or (
            self._elsewhere.get(key[1]) if key[0] == "works" else None)

    def search(self, text: str, rows: int = 5) -> Outcome:
        """Crossref's ``query.bibliographic`` search; the message lists candidate works."""
        key = f"{rows}\n{text}"
        return self._answer("searches", key, lambda: self._fetch_search(text, rows, key))

    def _fetch_search(self, text: str, rows: int, key: str) -> Outcome:
        outcome = self._call(lambda: self._api.works(query_bibliographic=text[:1000],
                                                     limit=rows),
                             self._searches, "search")
        if outcome.status == "not_found":  # the list of works itself is not there
            return self._wrong_server()
        if outcome.status == "found" and self.cache is not None and outcome.message:
            self.cache.put("searches", key, Entry(outcome.message, self.base_url,
                                                  outcome.fetched or utc_now()))
        return outcome

    def _answer(self, kind: str, key: str, fetch: Callable[[], Outcome]) -> Outcome:
        """The cache's answer; else, unless offline, ``fetch``'s, one request for every
        thread asking. The cache is looked at again just before the request: another thread
        may have stored the answer between the first look and this thread's turn."""
        cached = self._cached(kind, key)
        if cached is not None:
            return cached
        if self.offline:
            other = self.cache.get(kind, key) if self.cache is not None else None
            if other is not None:  # the cache is shared by every server it was filled from
                return Outcome("unresolved", reason=(
                    f"--offline was given and the cache holds only {other.source}'s answer, "
                    f"not {self.base_url}'s (--crossref-url {other.source} would use it)"))
            return Outcome("unresolved", reason=f"not in the cache for {self.base_url} and "
                                                "--offline was given")
        return self._shared((kind, key), lambda: self._cached(kind, key) or fetch())

    def _shared(self, key: tuple[str, str], fetch: Callable[[], Outcome]) -> Outcome:
        """One request per key: a thread asking for what another is already fetching (a DOI
        cited twice in one run) waits for that answer instead of spending a request of the
        rate limit on it. Successes are then in the cache; a 404, never cached on disk (the
        DOI may be registered tomorrow), is remembered for the client's life (one run)."""
        with self._inflight_lock:
            known = self._met(key)
            if known is not None:
                return known
            pending = self._inflight.get(key)
            leader = pending is None
            if pending is None:
                pending = self._inflight[key] = _Pending()
        if not leader:
            pending.done.wait()
            return pending.outcome if pending.outcome is not None else fetch()
        try:
            pending.outcome = fetch()
            return pending.outcome
        finally:  # on an exception the waiting threads fetch for themselves
            with self._inflight_lock:
                del self._inflight[key]
                if pending.outcome is not None and pending.outcome.status == "not_found":
                    self._not_found[key] = pending.outcome
            pending.done.set()

    # -- the request loop --------------------------------------------------------------------

    def _call(self, request: Callable[[], Any], limiter: RateLimiter, what: str) -> Outcome:
        route = "search" if limiter is self._searches else "works"
        reason = "no attempt made"
        for attempt in range(self.retries + 1):
            # (checked at each attempt: another request may have given up while this waited)
            down = self._down or self._route_down.get(route)
            if down:
                return Outcome("unresolved", reason=down)
            try:
                with self._turn(limiter):
                    # taken once the turn is had: waiting for it is not the route's silence
                    # (_TooSlow and _Retry come from _once alone)
                    started = time.monotonic()
                    outcome = self._once(request)
                self._answered(route)
                return outcome
            except _TooSlow as slow:
                return self._timed_out(route, started, what, str(slow)) or Outcome(
                    "unresolved", reason=f"{slow} for {what}")
            except _Retry as retry:
                reason = retry.reason
                if retry.timed_out:
                    given_up = self._timed_out(route, started, what, reason)
                    if given_up is not None:
                        return given_up
                else:
                    self._answered(route)
                if attempt == self.retries:
                    break
                wait = retry.wait if retry.wait is not None else self.backoff * 2 ** attempt
                _log.info("%s: %s; asking again in %.1f s", what, reason,
                          min(wait, MAX_RETRY_AFTER))
                self._sleep(min(wait, MAX_RETRY_AFTER))
            except _Down as down:
                return self._give_up(what, f"Crossref unreachable at {self.base_url}: {down}")
        # (naming the server, as "Crossref unreachable at …" does: "Crossref at
        # http://127.0.0.1:8000 timed out (ReadTimeout); gave up after 5 attempts for DOI …")
        return Outcome("unresolved", reason=f"Crossref at {self.base_url}: {reason}; gave up "
                                            f"after {self.retries + 1} attempts for {what}")

    @contextmanager
    def _turn(self, limiter: RateLimiter) -> Iterator[None]:
        """A turn of ``limiter`` and, for a list query, of the lookups' as well (taken
        second, always in that order: no two requests each hold what the other waits for)."""
        with limiter.slot():
            if limiter is self._works:
                yield
            else:
                with self._works.slot():
                    yield

    def _answered(self, route: str) -> None:
        with self._down_lock:
            self._timeouts.pop(route, None)
            self._answered_at[route] = time.monotonic()

    def _timed_out(self, route: str, started: float, what: str, reason: str) -> Outcome | None:
        """Count an attempt on ``route`` (begun at ``started``) that got no answer in time;
        once the route has answered nothing for :data:`SILENT_TIMEOUTS` timeouts over
        :data:`TIMEOUTS_IN_A_ROW` attempts or more, it is not asked again in this run (the
        outcome says so), else None."""
        with self._down_lock:
            count, since = self._timeouts.get(route, (0, started))
            # (an attempt begun before the route's last answer is no silence before it)
            count = count + 1
            since = max(min(since, started), self._answered_at.get(route, since))
            self._timeouts[route] = (count, since)
            silent = time.monotonic() - since
            if count < TIMEOUTS_IN_A_ROW or silent < self._silent_for:
                return None
            named = "its search" if route == "search" else "a DOI's record"
            self._route_down.setdefault(route, (
                f"Crossref at {self.base_url} answered no request for {named} in time for "
                f"{silent:.0f} s ({count} attempts; the last: {reason}): not asked again in "
                "this run"))
            down = self._route_down[route]
        _log.info("%s: %s", what, down)
        return Outcome("unresolved", reason=down)

    def _once(self, request: Callable[[], Any]) -> Outcome:
        try:
            reply = _within(self._deadline, request)
        except httpx2.HTTPStatusError as exc:
            return self._replied(exc.response)
        except RequestError as exc:  # habanero: an error reply with a JSON body, or non-JSON
            return self._status(int(exc.status_code), None, str(exc.error)[:200])
        except httpx2.TimeoutException as exc:
            raise _Retry(f"timed out ({type(exc).__name__})", timed_out=True) from None
        except (httpx2.RemoteProtocolError, httpx2.ReadError, httpx2.WriteError) as exc:
            # the server was reached but the exchange broke off: worth another try
            raise _Retry(f"connection broken ({type(exc).__name__})") from None
        except httpx2.TransportError as exc:
            raise _Down(f"{type(exc).__name__}: {exc}") from None
        except (TypeError, KeyError, IndexError) as exc:
            # habanero failed while reading an error reply: the reply it was reading decides
            context = exc.__context__
            if isinstance(context, httpx2.HTTPStatusError):
                return self._replied(context.response)
            # ... or while reading a reply that is not shaped as Crossref's (a search
            # without its total-results): that reply, not the run, is what failed
            return Outcome("unresolved", reason="Crossref's reply is not shaped as its API's "
                                                f"({type(exc).__name__}: {exc})")
        except RuntimeError as exc:  # habanero wraps transport errors of searches
            cause = exc.__cause__
            if isinstance(cause, httpx2.TimeoutException):
                raise _Retry(f"timed out ({type(cause).__name__})", timed_out=True) from None
            if isinstance(cause, (httpx2.RemoteProtocolError, httpx2.ReadError)):
                raise _Retry(f"connection broken ({type(cause).__name__})") from None
            if isinstance(cause, httpx2.TransportError):
                raise _Down(f"{type(cause).__name__}: {cause}") from None
            raise
        except ValueError as exc:  # a 200 whose body is not JSON
            return Outcome("unresolved", reason=f"Crossref sent a reply that is not JSON: {exc}")
        if not isinstance(reply, dict) or not isinstance(reply.get("message"), dict):
            return Outcome("unresolved", reason="Crossref's reply has no message")
        if _text_size(reply["message"], MAX_REPLY_CHARS) > MAX_REPLY_CHARS:
            return Outcome("unresolved", reason=f"Crossref's reply holds over "
                                                f"{MAX_REPLY_CHARS:,} characters: no work "
                                                "record is so large; nothing of it is kept")
        return Outcome("found", reply["message"], "", self.base_url, utc_now())

    def _replied(self, response: httpx2.Response) -> Outcome:
        """The outcome of an error reply; a redirect is said as one, with where it leads
        (habanero does not follow it: the address it names is the one to give)."""
        code = response.status_code
        if 300 <= code < 400:
            where = response.headers.get("location") or "nowhere (no Location header)"
            return Outcome("unresolved", reason=(
                f"the server at {self.base_url} redirects ({code}) to {where[:200]}: "
                "redirects are not followed; give the address it names as --crossref-url"))
        return self._status(code, response.headers.get("retry-after"), response.text[:200])

    def _status(self, code: int, retry_after: str | None, body: str) -> Outcome:
        if code == 404:
            if body.strip() != _NOT_FOUND:  # a page of another server: it knows no DOIs
                return Outcome("unresolved", reason=f"the server at {self.base_url} is not "
                                                    f"Crossref's API (404 with {body[:60]!r})")
            # (when and where Crossref said so: the evidence a not_found verdict rests on)
            return Outcome("not_found", reason="Crossref has no record of this DOI (404)",
                           source=self.base_url, fetched=utc_now())
        if code == 429:
            raise _Retry("rate-limited by Crossref (429)", _retry_after(retry_after))
        if code >= 500:
            raise _Retry(f"Crossref server error {code}")
        if code == 200:
            return Outcome("unresolved", reason=f"Crossref sent a reply that is not JSON: "
                                                f"{body[:80]!r}")
        return Outcome("unresolved", reason=f"Crossref refused the request ({code}): {body}")
