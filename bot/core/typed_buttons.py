"""A button's label typed instead of tapped ("⏰ Remind me before each due date", "继续我的计划"): the button's action.

On a phone, people often type what a button says, or paste it (stop 31 red team: the reminder offer's label got an article,
"continue my plan" at the overdue step was read as its answer). Only labels that mean the same wherever they are typed;
a step's own buttons ("没有逾期", "done") are read as that step's answers by the wizard.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.core.actions import Action, PlanStep, Remind
from bot.core.plan_texts import button_label
from bot.core.reminder_texts import text as reminder_text
from bot.core.texts import text as ui

_MARKS = re.compile(r"[^\w×.%]+")


def _key(text: str) -> str:
    """A label as typed: no emoji, punctuation, quotes or spaces, lower case."""
    return _MARKS.sub("", text).lower()


@lru_cache(maxsize=1)
def _labels() -> dict[str, Action]:
    labels: dict[str, Action] = {}
    for language in ("zh", "en"):
        labels[_key(reminder_text("offer", language))] = Remind("offer")
        labels[_key(ui("continue_plan", language))] = PlanStep("resume")
        labels[_key(ui("plan_offer", language))] = PlanStep("start")
        labels[_key(button_label("show", language))] = PlanStep("show")
        labels[_key(button_label("unknown_penalty", language))] = PlanStep("skip")
    return labels


def typed_button(text: str) -> Action | None:
    """The action of the button whose label the message is, or None."""
    if not text or len(text) > 60:
        return None
    return _labels().get(_key(text))
