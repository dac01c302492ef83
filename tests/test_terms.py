"""bot.core.terms: whether a question written in one language also writes the other."""

import pytest

from bot.core.terms import mixes_languages


@pytest.mark.parametrize("text, language", [
    ("debt snowball 和 avalanche 中文咋弄", "zh"),
    ("在美国欠的卡想申请hardship plan 电话里谈好了还要做什么", "zh"),
    ("what does 失信被执行人 mean, and is 限高 the same?", "en"),
])
def test_a_question_that_writes_both_languages_mixes_them(text, language):
    assert mixes_languages(text, language)


@pytest.mark.parametrize("text, language", [
    ("网贷利息超过LPR四倍是不是超出的部分就不用还了", "zh"),  # one term in Latin letters
    ("借呗逾期3天 APP一直提醒", "zh"),
    ("is there still 滞纳金 on chinese credit cards", "en"),  # one Chinese term
    ("how long do late payments stay on my credit report", "en"),
    ("征信上的逾期记录保留几年", "zh"),
])
def test_a_term_from_the_other_language_does_not_make_a_question_mixed(text, language):
    assert not mixes_languages(text, language)
