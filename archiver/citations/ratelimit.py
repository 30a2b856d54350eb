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
Slack alone cannot cover a request that reaches the server late (habanero builds a new HTTP
client for each one, which a loaded machine can slow by a tenth of a second), so one rule
holds whatever the delay: a request reaches the server before it ends, so a start waits
until fewer than ``per_second`` requests are open or ended less than a second ago. Then no
one-second window at the server can hold more than ``per_second`` arrivals.
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
        self._ended: deque[float] = deque()  # when recent requests ended, oldest first
        self._open = 0  # requests started and not ended
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
            with self._lock:  # and fewer than per_second may be open or have ended < 1 s ago
                now = self._clock()
                while self._ended and now >= self._ended[0] + 1.0:
                    self._ended.popleft()
                waits = []
                if len(self._started) == self._started.maxlen and \
                        now < self._started[0] + self.window:
                    waits.append(self._started[0] + self.window - now)
                if self._open + len(self._ended) >= self.per_second:
                    # an open request that ends still counts: wait for the oldest end to age
                    waits.append(self._ended[0] + 1.0 - now if self._ended else self.interval)
                if not waits:
                    self._started.append(now)
                    self._open += 1
                    return
            self._sleep(max(max(waits), 1e-6))  # 1e-6: a fake clock always moves on

    def _end(self) -> None:
        with self._lock:
            self._open -= 1
            self._ended.append(self._clock())

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Hold one of the concurrent slots, started no sooner than the spacing allows."""
        with self._slots:
            self._wait_turn()
            try:
                yield
            finally:
                self._end()
