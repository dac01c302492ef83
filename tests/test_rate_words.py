"""The rate-question vocabulary (bot.core.rate_words): one set of words for every decision that reads a question
about a loan's rate, each pattern built from the groups it needs."""

import pytest

from bot.core.rate_words import ASKS_ANNUAL, ASKS_COST, ASKS_LEGALITY, ASKS_RATE, LEGAL_OR_NORMAL, RATE_WORD


@pytest.mark.parametrize("text", ["年化36%合法吗", "这是不是高利贷", "年利率百分之三十六受保护吗", "is 40% APR legal", "usurious?",
                                  "loan shark rates", "到手700，一周后还1000，是714吗", "算砍头息吗", "is this legit?", "这个平台正规吗"])
def test_a_legality_question_is_one_for_every_pattern_that_reads_rates(text):
    assert ASKS_LEGALITY.search(text) and LEGAL_OR_NORMAL.search(text) and ASKS_ANNUAL.search(text)
    assert ASKS_RATE.search(text) and ASKS_COST.search(text)


@pytest.mark.parametrize("text", ["日息万五高吗", "3 percent monthly thats insane right??", "月息2%太狠了吧", "is that a rip-off"])
def test_a_judged_price_is_asked_about_alike_everywhere(text):
    # the words a red team taught one pattern (stop 24: "insane", "太狠") are known to the others
    assert LEGAL_OR_NORMAL.search(text) and ASKS_ANNUAL.search(text) and ASKS_RATE.search(text) and ASKS_COST.search(text)
    assert not ASKS_LEGALITY.search(text)


@pytest.mark.parametrize("text, named", [("日息万五", True), ("2% a month", True), ("the APR", True),
                                         ("exchange rate today", False), ("I am interested", False)])
def test_a_rate_is_named_by_a_rate_word_or_a_percentage_per_period(text, named):
    assert bool(RATE_WORD.search(text)) is named


@pytest.mark.parametrize("text", ["分24期每期983", "我欠了2万", "what is a grace period", "7140元"])
def test_a_message_that_judges_no_price_asks_nothing(text):
    assert not (ASKS_LEGALITY.search(text) or LEGAL_OR_NORMAL.search(text) or ASKS_RATE.search(text))
