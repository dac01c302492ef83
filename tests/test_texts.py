"""The texts' own consistency."""

import re

import pytest

from bot.core.texts import text

PERSON = ("工作人员", "a person can help", "A person can help")


@pytest.mark.parametrize("key", ["decline", "harassment_no_desk", "venting_no_desk"])
@pytest.mark.parametrize("language", ["zh", "en"])
def test_texts_said_where_no_desk_may_answer_promise_no_person(key, language):
    """Stop 30 red team: "If you like, a person can help you." above "no person can be reached here"; the offer of a
    person is its own text, added only where a support desk answers."""
    assert not any(words in text(key, language) for words in PERSON), (key, language)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_offer_of_a_person_is_a_text_of_its_own(language):
    assert any(words in text("decline_person", language) for words in PERSON)
    assert any(words in text("harassment_offer", language) for words in PERSON)
    first = [re.split(r"[。.]", text(key, language))[0] for key in ("harassment_no_desk", "harassment_offer")]
    assert first[0] == first[1]  # the same rights, said the same way
