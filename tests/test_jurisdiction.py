"""A question that names a country is answered from that country's article, whatever its language."""

from dataclasses import replace

import pytest

from bot.core.jurisdiction import named_jurisdiction
from bot.core.retrieval import Retriever
from tests.support.core import FakeSearcher, hit

CN_ZH = replace(hit("credit/report-zh.md", "逾期记录自还清之日起保存5年。", 0.90), jurisdiction="CN")
US_EN = replace(hit("us/credit-report-en.md", "Late payments can stay for up to 7 years.", 0.84, lang="en"),
                jurisdiction="US")
GENERAL_ZH = hit("repayment/plan-zh.md", "先列出每一笔欠款。", 0.86)


def test_named_countries_are_read_and_us_the_pronoun_is_not():
    assert named_jurisdiction("美国的逾期记录会保留几年") == "US"
    assert named_jurisdiction("can a US debt collector call my boss") == "US"
    assert named_jurisdiction("the loan app in shanghai took a fee") == "CN"
    assert named_jurisdiction("I owe 6000 yuan on a card") == "CN"
    assert named_jurisdiction("在加州欠的信用卡，催收能打到我公司吗") == "US"
    assert named_jurisdiction("my card is with a bank in Texas") == "US"
    assert named_jurisdiction("please help us, we are overdue") is None
    assert named_jurisdiction("逾期了怎么办") is None
    assert named_jurisdiction("US or China, which is stricter") is None  # both named: no preference


def test_the_named_countrys_article_goes_first_and_the_other_countrys_last():
    searcher = FakeSearcher(default=[CN_ZH, GENERAL_ZH, US_EN])
    found = Retriever(searcher, language_lift=0).retrieve("美国的逾期记录会保留几年", "zh")
    assert [m.article for m in found.matches] == ["us/credit-report-en.md", "repayment/plan-zh.md",
                                                   "credit/report-zh.md"]
    # The decision reads the search's own first article (0.90), not the country's (0.84).
    assert found.decision.features.top == 0.90


def test_when_the_search_missed_the_country_the_other_language_is_searched_with_the_same_question():
    searcher = FakeSearcher(results={"credit report": [US_EN]}, default=[CN_ZH, GENERAL_ZH])
    found = Retriever(searcher, language_lift=0).retrieve("美国 征信 逾期记录保留几年", "zh")
    assert found.matches[0].article == "us/credit-report-en.md"


def test_a_question_naming_no_country_keeps_the_search_order():
    searcher = FakeSearcher(default=[CN_ZH, US_EN])
    found = Retriever(searcher, language_lift=0).retrieve("逾期记录会保留几年", "zh")
    assert [m.article for m in found.matches][:2] == ["credit/report-zh.md", "us/credit-report-en.md"]


@pytest.mark.parametrize("question, country", [
    ("can i go to jail for not paying credit card in the us", "US"),  # stop 29 red team: China's rules
    ("got a letter saying im being sued by a debt buyer, court date in 3 weeks", "US"),
    ("borrowed 2000 from a payday lender, they want 2600 back in 2 weeks", "US"),
    ("can they garnish my wages", "US"), ("tell us more about the rules", None), ("中国的网贷逾期了", "CN"),
])
def test_us_terms_and_in_the_us_name_the_us(question, country):
    assert named_jurisdiction(question) == country


def test_a_question_on_one_countrys_rules_with_only_the_others_article_is_declined():
    """Stop 31 red team: "statute of limitations on credit card debt in california" got "Can I go to jail in China…"."""
    found = Retriever(FakeSearcher(default=[CN_ZH]), language_lift=0).retrieve("加州的逾期记录会保留几年", "zh")
    assert found.matches[0].article == "credit/report-zh.md" and not found.decision.answer
    assert "names US rules" in found.decision.reason
    general = replace(GENERAL_ZH, score=0.95)
    found = Retriever(FakeSearcher(default=[general]), language_lift=0).retrieve("美国欠款怎么列计划", "zh")
    assert found.decision.answer  # an article for everyone still answers


def test_a_hint_or_the_conversations_country_moves_its_article_first_only_from_the_top_three():
    """Stop 32 red team: "a collector keeps calling me at work" after "$8,000 on a Discover card" got China's rules."""
    from bot.core.jurisdiction import hinted_jurisdiction

    assert hinted_jurisdiction("I owe $8,000 on a Discover card") == "US"
    assert hinted_jurisdiction("花呗逾期了三天") == "CN" and hinted_jurisdiction("can they call my work?") is None
    assert hinted_jurisdiction("my card in China, $500 overdue") == "CN"  # a name beats a hint
    us_first_down = [CN_ZH, GENERAL_ZH, US_EN]
    retriever = Retriever(FakeSearcher(default=us_first_down), language_lift=0)
    assert retriever.retrieve("逾期记录会保留几年", "zh").matches[0].article == "credit/report-zh.md"
    assert retriever.retrieve("逾期记录会保留几年", "zh", context="US").matches[0].article == "us/credit-report-en.md"
    assert retriever.retrieve("my $3,000 card is late, how long does it stay", "en").matches[0].article == "us/credit-report-en.md"
    # further down than the top three: a hint is no name, the search's order stands
    from bot.core.passages import group_by_article
    from bot.core.retrieval import _toward

    far = group_by_article([CN_ZH, GENERAL_ZH, replace(GENERAL_ZH, article="b.md"), replace(GENERAL_ZH, article="c.md"),
                            US_EN], "zh", 0)
    assert [m.article for m in _toward("US", far)] == [m.article for m in far]
    near = group_by_article([CN_ZH, US_EN, GENERAL_ZH], "zh", 0)
    assert [m.article for m in _toward("US", near)][:2] == ["us/credit-report-en.md", "credit/report-zh.md"]
