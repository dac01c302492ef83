"""A button's label typed instead of tapped is the button."""

import pytest

from bot.core.actions import PlanStep, Remind
from bot.core.typed_buttons import typed_button


@pytest.mark.parametrize("typed, action", [
    ("⏰ Remind me before each due date", Remind("offer")), ("remind me before each due date", Remind("offer")),
    ("按时提醒我还款", Remind("offer")), ("Continue my plan", PlanStep("resume")), ("继续我的计划。", PlanStep("resume")),
    ("用我的数字做完整还款计划", PlanStep("start")), ("plan with these", PlanStep("show")),
    ("不清楚，按×1.5估算", PlanStep("skip")),
])
def test_a_typed_label_is_its_buttons_action(typed, action):
    """Stop 31 red team: the reminder offer's label typed got an article; "continue my plan" at the overdue step was read
    as its answer."""
    assert typed_button(typed) == action


@pytest.mark.parametrize("typed", ["remind me", "continue", "my plan", "没有逾期", "done", "", "x" * 200])
def test_other_words_are_no_button(typed):
    assert typed_button(typed) is None
