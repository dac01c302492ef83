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


def test_a_users_words_are_not_kept_by_a_process_wide_cache():
    """Queries were tokenised through an lru_cache of 4,096 texts: a user's masked message stayed in memory after
    /forget. Now a message's words live for that message only; the library's titles keep their cache."""
    from bot.core import terms
    from bot.planner import per_message

    before = terms.library_tokens.cache_info().currsize
    with per_message.one_message():
        assert terms.tokens("我欠招商银行信用卡两万块") == terms.tokens("我欠招商银行信用卡两万块")
    assert terms.library_tokens.cache_info().currsize == before
    assert per_message._CACHE.get() is None
    assert not hasattr(terms.tokens, "cache_info") and not hasattr(terms._message_tokens, "cache_info")
    terms.library_tokens("逾期会影响征信吗（只在这个测试里出现的标题 7f3a）")
    assert terms.library_tokens.cache_info().currsize == before + 1


def test_debt_words_typed_in_pinyin_are_spelled_out_for_the_search():
    """Stop 32 red team: "xinyongka yuqi le zenme ban" was declined, in English."""
    from bot.core.terms import spell_out

    assert spell_out("xinyongka yuqi le zenme ban") == "信用卡 逾期 le 怎么办"
    assert spell_out("yuqi 3 tian hui shang zhengxin ma") == "逾期 3 tian hui shang 征信 ma"
    assert spell_out("liquid assets and a bank loan") == "liquid assets and a bank loan"  # inside words: untouched


def test_a_credit_report_gone_messy_is_spelled_out_as_too_many_inquiries():
    """Stop 33 red team: "征信花了还能贷款吗" was answered from the article on objections; borrowers say "花了" for a report
    with too many lenders' inquiries. 花呗 is left alone."""
    from bot.core.terms import spell_out

    assert "征信查询记录太多" in spell_out("征信花了还能贷款吗") and "征信查询记录太多" in spell_out("我征信查花了怎么办")
    assert spell_out("查询花呗账单") == "查询花呗账单"
