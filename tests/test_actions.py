"""Every button action survives the trip through Telegram's 64-byte callback data."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.actions import (
    CALLBACK_DATA_LIMIT, TOPICS, ActionError, Claim, Close, Feedback, Followup, Forget, Human, PlanKind, PlanStep,
    Rate, SetLanguage, Topic, decode, encode,
)
from bot.core.texts import text as ui
from bot.planner.models import KINDS

BIG_ID = 10**19 - 1  # the largest id the codec accepts (19 digits: any BIGINT)

EVERY_ACTION = [
    Human(), Forget(True), Forget(False), SetLanguage("zh"), SetLanguage("en"),
    Feedback(BIG_ID, up=True), Feedback(BIG_ID, up=False),
    *[Topic(key, language) for key in TOPICS for language in ("zh", "en")],
    *[PlanStep(step) for step in ("start", "cancel", "new", "show", "add", "skip", "done")],
    *[PlanKind(kind) for kind in KINDS], PlanKind("k" * 32),
    Followup(99, BIG_ID), *[Rate(BIG_ID, stars) for stars in range(1, 6)], Claim(BIG_ID), Close(BIG_ID),
]


@pytest.mark.parametrize("action", EVERY_ACTION, ids=repr)
def test_every_action_fits_64_bytes_and_comes_back_the_same(action):
    data = encode(action)
    assert 0 < len(data.encode("utf-8")) <= CALLBACK_DATA_LIMIT
    assert decode(data) == action


@pytest.mark.parametrize("language", ["zh", "en"])
def test_topic_buttons_carry_the_key_not_the_question(language):
    """A topic's question is longer than 64 bytes in Chinese; the button names the topic instead."""
    for key in TOPICS:
        question = ui(f"topic_{key}_q", language)
        data = encode(Topic(key, language))
        assert question not in data and data == f"topic:{key}:{language}"


@pytest.mark.parametrize("action", [PlanKind("has space"), PlanKind("k" * 33), Feedback(-1, up=True),
                                    Rate(10**19, 5), Followup(100, 1), Topic("征信", "zh")], ids=repr)
def test_an_action_that_would_not_come_back_the_same_is_refused_when_built(action):
    with pytest.raises(ActionError):
        encode(action)


@pytest.mark.parametrize("data", ["ask:逾期会上征信吗？多久能消除？", "plan:type:card", "feedback:sideways:1",
                                  "rate:1:9", "", "human ", "x" * 65])
def test_unknown_callback_data_is_a_typed_error_naming_it(data):
    with pytest.raises(ActionError, match="callback data|unknown button action"):
        decode(data)


@given(st.text(max_size=80))
def test_decoding_any_text_either_gives_an_action_that_encodes_back_or_a_typed_error(data):
    try:
        action = decode(data)
    except ActionError:
        return
    assert encode(action) == data
