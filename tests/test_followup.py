"""Follow-up questions become standalone from the previous question's key terms."""

import pytest

from bot.core.followup import KeywordRewriter, key_terms, needs_context


@pytest.mark.parametrize("question,expected", [
    ("那要多久才能消?", True), ("那会不会被起诉", True), ("how long does it stay?", True),
    ("what about credit cards?", True), ("逾期了会不会上征信", False),
    ("will a late payment hurt my credit report", False), ("明天天气怎么样", False),
    # a question opening that names its own subject stands alone
    ("how long does a late payment stay on my credit report?", False), ("会不会上征信", False),
    ("要多久才能消", True), ("is it legal?", True),
    # "那" as "then" before a question with its own subject (stop 29 red team: "那逾期了还能办房贷吗" got the jail article of the
    # question before); "那" as "that" before a verb still leans on it
    ("那逾期了还能办房贷吗", False), ("那网贷逾期会上征信吗", False), ("那会影响征信吗", True), ("那信用卡呢", True),
])
def test_needs_context(question, expected):
    assert needs_context(question) is expected


def test_key_terms_prefer_domain_words_and_drop_fragments():
    terms = key_terms("催收爆我通讯录怎么办")
    assert terms[0] in ("催收", "通讯录") and "通讯" not in terms


@pytest.mark.parametrize("question,previous,must", [
    ("那要多久才能消?", ["逾期了会不会上征信"], "征信"),
    ("how long does it stay?", ["will a late payment hurt my credit report"], "credit"),
    ("那会不会被起诉", ["明天天气怎么样", "网贷逾期三个月了"], "网贷"),
])
def test_rewrite_carries_the_previous_terms(question, previous, must):
    rewritten = KeywordRewriter().rewrite(question, previous, "zh")
    assert must in rewritten and rewritten.endswith(question)


def test_rewrite_without_a_useful_previous_question_keeps_the_question():
    assert KeywordRewriter().rewrite("那要多久?", ["你好"], "zh") == "那要多久?"
