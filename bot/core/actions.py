"""What a button does, typed; and the one place that turns it into a channel's callback data and back.

Telegram caps callback data at 64 bytes of UTF-8, so an action carries ids and short keys, never a
question's text: a topic button names its topic (`Topic("credit", "zh")`), and the core looks the
question up; a follow-up button names its position on the message, and the Telegram adapter reads
the question from the pressed button's label. `encode` refuses anything over the limit, so a
button can never be silently dropped at render time; tests/test_actions.py checks every action.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, get_args

CALLBACK_DATA_LIMIT = 64  # bytes of UTF-8 (Telegram Bot API, InlineKeyboardButton.callback_data)

PlanStepName = Literal["start", "resume", "cancel", "new", "show", "add", "skip", "done"]
LanguageCode = Literal["zh", "en"]
TOPICS = ("overdue", "credit", "negotiate")  # the starter questions the core offers on /start


class ActionError(ValueError):
    """Callback data that no action of this version encodes (e.g. a button from an older release)."""


@dataclass(frozen=True)
class Human:
    """Talk to a person."""


@dataclass(frozen=True)
class Forget:
    """Answer to "delete all my data?": confirmed or kept."""

    confirmed: bool


@dataclass(frozen=True)
class SetLanguage:
    language: LanguageCode


@dataclass(frozen=True)
class Feedback:
    """👍 / 👎 on the stored exchange `turn_id`."""

    turn_id: int
    up: bool


@dataclass(frozen=True)
class Topic:
    """A starter question, by its key; `language` is the language the button was shown in."""

    key: str
    language: LanguageCode


@dataclass(frozen=True)
class PlanStep:
    """A step of the repayment-plan wizard (start, cancel, add a loan, ...)."""

    step: PlanStepName


@dataclass(frozen=True)
class PlanKind:
    """The kind of loan chosen in the wizard (one of bot.planner.models.KINDS)."""

    kind: str


@dataclass(frozen=True)
class Followup:
    """The `index`-th follow-up question under the reply to exchange `turn_id` (its label is the question)."""

    index: int
    turn_id: int


@dataclass(frozen=True)
class Rate:
    """Stars for a closed ticket."""

    ticket_id: int
    stars: int


@dataclass(frozen=True)
class Claim:
    """An agent takes a ticket (its card in the support group)."""

    ticket_id: int


@dataclass(frozen=True)
class Close:
    """An agent closes a ticket (its card in the support group)."""

    ticket_id: int


@dataclass(frozen=True)
class Remind:
    """A plan-reminder step (bot.core.reminders): "offer", "paid:42", "before:3", "quiet:keep", ..."""

    op: str


Action = Human | Forget | SetLanguage | Feedback | Topic | PlanStep | PlanKind | Followup | Rate | Claim | Close | Remind

_KEY = r"[a-z][a-z0-9_]{0,31}"
_DECODERS: tuple[tuple[re.Pattern[str], object], ...] = (
    (re.compile(r"human"), lambda m: Human()),
    (re.compile(r"forget:(yes|no)"), lambda m: Forget(m[1] == "yes")),
    (re.compile(r"lang:(zh|en)"), lambda m: SetLanguage(m[1])),
    (re.compile(r"feedback:(up|down):(\d{1,19})"), lambda m: Feedback(int(m[2]), m[1] == "up")),
    (re.compile(rf"topic:({_KEY}):(zh|en)"), lambda m: Topic(m[1], m[2])),
    (re.compile("plan:(" + "|".join(get_args(PlanStepName)) + ")"), lambda m: PlanStep(m[1])),
    (re.compile(rf"plan:kind:({_KEY})"), lambda m: PlanKind(m[1])),
    (re.compile(r"fu:(\d{1,2}):(\d{1,19})"), lambda m: Followup(int(m[1]), int(m[2]))),
    (re.compile(r"rate:(\d{1,19}):([1-5])"), lambda m: Rate(int(m[1]), int(m[2]))),
    (re.compile(r"claim:(\d{1,19})"), lambda m: Claim(int(m[1]))),
    (re.compile(r"close:(\d{1,19})"), lambda m: Close(int(m[1]))),
    (re.compile(r"remind:([a-z0-9_]{1,16}(?::[a-z0-9_]{1,19}){0,2})"), lambda m: Remind(m[1])),
)


def encode(action: Action) -> str:
    """The action as callback data; raises ActionError if it would not fit Telegram's 64 bytes."""
    match action:
        case Human():
            data = "human"
        case Forget(confirmed):
            data = f"forget:{'yes' if confirmed else 'no'}"
        case SetLanguage(language):
            data = f"lang:{language}"
        case Feedback(turn_id, up):
            data = f"feedback:{'up' if up else 'down'}:{turn_id}"
        case Topic(key, language):
            data = f"topic:{key}:{language}"
        case PlanStep(step):
            data = f"plan:{step}"
        case PlanKind(kind):
            data = f"plan:kind:{kind}"
        case Followup(index, turn_id):
            data = f"fu:{index}:{turn_id}"
        case Rate(ticket_id, stars):
            data = f"rate:{ticket_id}:{stars}"
        case Claim(ticket_id):
            data = f"claim:{ticket_id}"
        case Close(ticket_id):
            data = f"close:{ticket_id}"
        case Remind(op):
            data = f"remind:{op}"
        case _:
            raise ActionError(f"not an action: {action!r}")
    if decode(data) != action:  # e.g. a kind with a space, a negative id: it would not come back the same
        raise ActionError(f"{action!r} cannot be encoded as callback data")
    return data


def decode(data: str) -> Action:
    """The action behind callback data; ActionError for data this version does not know."""
    if len(data.encode("utf-8")) > CALLBACK_DATA_LIMIT:
        raise ActionError(f"callback data over {CALLBACK_DATA_LIMIT} bytes: {data[:20]!r}...")
    for pattern, build in _DECODERS:
        match = pattern.fullmatch(data)
        if match:
            return build(match)  # type: ignore[operator]
    raise ActionError(f"unknown button action {data!r}")


def describe(action: Action) -> str:
    """A short form for logs and the support team ("[pressed plan:add]")."""
    try:
        return encode(action)
    except ActionError:
        return repr(action)
