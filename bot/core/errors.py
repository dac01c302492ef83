"""The root of the bot's typed errors: a failure someone can act on, whose message says what to do.

Commands (bot/cli.py) print any of them as one line and exit 2; the core catches the ones it can
answer around (SearchUnavailable, AnswerUnavailable) and tells the user which degraded answer they got.
"""

from __future__ import annotations


class BotError(Exception):
    """A typed failure with a message for a person (what is wrong, what to do)."""
