"""Keep to Crossref's published rate limits: so many requests per second, so many at a time.

Crossref asks anonymous clients for at most 5 requests per second and 1 at a time, clients in
the polite pool (``mailto``) for 10 per second and 3 at a time, and searches at 1 and 3 per
second respectively. Servers count requests in a sliding one-second window, and requests
reach them with some jitter, so a client that bursts up to the limit at the start of each
second gets refused now and then. This limiter therefore *spaces* request starts evenly, one
every ``window / per_second`` seconds with ``window`` a little over one second (the slack
absorbs the jitter), and holds at most ``concurrent`` requests open at once. A thread that
wakes late would start close behind the next one; so the limiter also keeps the times requests
really started and holds a start until the last ``per_second`` of them lie a window back.
Thread-safe.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    per_second: float
    concurrent: int
    search_per_second: float

    @classmethod
    def for_client(cls, polite: bool) -> Limits:
        """Crossref's published limits: anonymous, or polite pool when a mailto is given."""
        return cls(10, 3, 3) if polite else cls(5, 1, 1)


class RateLimiter:
    def __init__(self, per_second: float, concurrent: int, window: float = 1.09,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        if per_second <= 0 or concurrent < 1:
            raise ValueError("per_second must be > 0 and concurrent >= 1")
        self.per_second = per_second
        self.interval = window / per_second
        self.window = window
        self._started: deque[float] = deque(maxlen=max(1, math.ceil(per_second)))
        self._slots = threading.BoundedSemaphore(concurrent)
        self._next = 0.0  # the earliest time the next request may start
        self._lock = threading.Lock()
        self._clock = clock
        self._sleep = sleep

    def _wait_turn(self) -> None:
        with self._lock:
            now = self._clock()
            start = max(now, self._next)
            self._next = start + self.interval
        if start > now:
            self._sleep(start - now)
        while True:  # the real starts of the last per_second requests must lie a window back
            with self._lock:
                now = self._clock()
                full = len(self._started) == self._started.maxlen
                if not full or now >= self._started[0] + self.window:
                    self._started.append(now)
                    return
                wait = self._started[0] + self.window - now
            self._sleep(wait)

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Hold one of the concurrent slots, started no sooner than the spacing allows."""
        with self._slots:
            self._wait_turn()
            yield
