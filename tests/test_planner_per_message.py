"""Parsers remember a text for one message only: nothing a user typed stays in process memory after the reply."""

from __future__ import annotations

from bot.planner import per_message as memo
from bot.planner.extraction import extract_loan
from bot.planner.per_message import one_message, per_message


def test_a_text_is_computed_once_inside_a_message_and_afresh_outside():
    calls: list[str] = []

    @per_message()
    def length(text: str) -> int:
        calls.append(text)
        return len(text)

    assert length("我欠花呗3000") == 8 and length("我欠花呗3000") == 8
    assert calls == ["我欠花呗3000", "我欠花呗3000"]  # no message open: nothing is remembered
    calls.clear()
    with one_message():
        assert [length("a"), length("a"), length("bb"), length("a")] == [1, 1, 2, 1]
        with one_message():  # a message read inside another (the core re-reads part of one) shares its memory
            assert length("bb") == 2
    assert calls == ["a", "bb"]
    assert memo._CACHE.get() is None  # dropped with the reply: the raw text is gone


def test_a_mutable_result_is_each_callers_own():
    with one_message():
        first = extract_loan("我欠招行信用卡2万")
        first["name"] = "changed by a caller"
        second = extract_loan("我欠招行信用卡2万")
    assert second["name"] != "changed by a caller" and second["balance"] == 20000


def test_an_error_leaves_no_memory_behind():
    try:
        with one_message():
            extract_loan("欠网贷5000")
            raise RuntimeError("a bug in a rule")
    except RuntimeError:
        pass
    assert memo._CACHE.get() is None
