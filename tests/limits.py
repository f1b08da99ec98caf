"""A time bound for one call: the tests of inputs that once took quadratic time fail within the
bound instead of holding the run for hours (the regex engine and the interpreter both stop for a
pending signal)."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class TooSlowError(AssertionError):
    pass


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Fail with ``TooSlowError`` if the block runs longer than ``seconds`` (main thread only)."""

    def expire(_signal: int, _frame: FrameType | None) -> None:
        msg = f"took longer than {seconds} s"
        raise TooSlowError(msg)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
