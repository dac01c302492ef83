"""The texts' own consistency."""

from bot.core.texts import PERSON_PROMISES, text


def test_every_promise_of_a_person_is_in_the_text_it_is_taken_out_of():
    for language, promises in PERSON_PROMISES.items():
        for key, promise, _ in promises:
            assert promise in text(key, language), (key, language)
