"""Pure text functions remembered for the length of one message, never longer.

One message is read by many rules, and several call the same parser on the same text: `extract_loan` about 3 times
and `normalise` about 20 times a message over the dev questions (`make bench-message`). A process-wide cache would keep
users' raw messages (amounts, names, whatever they typed) in memory after /forget; this one exists only inside
`one_message()` (the core opens it around each message) and is dropped when the reply is made. Outside it, every
call computes afresh.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import Any, TypeVar

_CACHE: ContextVar[dict[tuple[Any, str], Any] | None] = ContextVar("per_message_cache", default=None)

T = TypeVar("T")


@contextmanager
def one_message() -> Iterator[None]:
    """Remember `per_message` results until the block ends (a block inside another shares the outer one's)."""
    if _CACHE.get() is not None:
        yield
        return
    token = _CACHE.set({})
    try:
        yield
    finally:
        _CACHE.reset(token)


def per_message(copy: Callable[[T], T] | None = None) -> Callable[[Callable[[str], T]], Callable[[str], T]]:
    """Decorate a pure function of one text; `copy` hands each caller its own copy of a mutable result."""

    def decorate(function: Callable[[str], T]) -> Callable[[str], T]:
        @wraps(function)
        def remembered(text: str) -> T:
            cache = _CACHE.get()
            if cache is None:
                return function(text)
            key = (remembered, text)
            if key not in cache:
                cache[key] = function(text)
            return copy(cache[key]) if copy is not None else cache[key]

        return remembered

    return decorate
