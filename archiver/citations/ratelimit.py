"""Keep to Crossref's published rate limits: so many requests per second, so many at a time.

Crossref asks anonymous clients for at most 5 requests per second and 1 at a time, clients in
the polite pool (``mailto``) for 10 per second and 3 at a time, and searches at 1 and 3 per
second respectively. A token bucket can burst past a server's sliding one-second window, so
this limiter keeps the start times of recent requests and lets a new one start only when fewer
than ``per_second`` started within the last ``window`` seconds (a little over one second,
for clock skew between client and server). Thread-safe.
"""

from __future__ import annotations

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
    def __init__(self, per_second: float, concurrent: int, window: float = 1.05,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        if per_second <= 0 or concurrent < 1:
            raise ValueError("per_second must be > 0 and concurrent >= 1")
        self.per_second = per_second
        self.window = window
        self._slots = threading.BoundedSemaphore(concurrent)
        self._starts: deque[float] = deque()
        self._lock = threading.Lock()
        self._clock = clock
        self._sleep = sleep

    def _wait_turn(self) -> None:
        capacity = max(1, int(self.per_second * self.window / 1.05))
        while True:
            with self._lock:
                now = self._clock()
                while self._starts and now - self._starts[0] >= self.window:
                    self._starts.popleft()
                if len(self._starts) < capacity:
                    self._starts.append(now)
                    return
                delay = self.window - (now - self._starts[0])
            self._sleep(max(delay, 0.001))

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Hold one of the concurrent slots, started no faster than the rate allows."""
        with self._slots:
            self._wait_turn()
            yield
