"""Sending that survives Telegram's flood limits and brief network trouble."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from telegram.error import BadRequest, NetworkError
from telegram.ext import AIORateLimiter

log = logging.getLogger(__name__)


class PatientRateLimiter(AIORateLimiter):
    """PTB's AIORateLimiter (about 30 messages a second overall, 20 a minute per group; waits and
    retries on RetryAfter) that also retries a call a few times when the network fails, so a reply
    is not lost to a dropped connection or a 502 from the Bot API.

    Every Bot API call except getUpdates passes through here, so this one place covers the
    handlers, the error handler and the support desk alike. A call that timed out after Telegram
    had received it can arrive twice; a duplicate answer is better than a lost one.
    """

    def __init__(self, *, network_retries: int = 3, backoff: float = 0.5, max_retries: int = 3,
                 overall_max_rate: float = 30, group_max_rate: float = 20):
        super().__init__(overall_max_rate=overall_max_rate, group_max_rate=group_max_rate,
                         max_retries=max_retries)
        self._network_retries = network_retries
        self._backoff = backoff

    async def process_request(self, callback: Any, args: Any, kwargs: dict[str, Any], endpoint: str,
                              data: dict[str, Any], rate_limit_args: int | None) -> Any:
        for attempt in range(self._network_retries + 1):
            try:
                return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
            except BadRequest:
                raise  # a BadRequest is a NetworkError in PTB, but retrying cannot fix it
            except NetworkError as error:
                if attempt == self._network_retries:
                    log.error("%s failed after %d attempts: %s", endpoint, attempt + 1, error)
                    raise
                delay = self._backoff * 2**attempt
                log.warning("%s failed (%s); retrying in %.1fs", endpoint, error, delay)
                await asyncio.sleep(delay)
        raise AssertionError("unreachable")
