"""A question's own numbers worked into the answer: which questions, which articles, what text."""

from bot.core.passages import ArticleMatch
from bot.core.worked import cites_penalty_formula, formula_first, penalty_numbers, penalty_text
from tests.support.core import hit


def match(article, title, lang="zh", tags=()):
    found = hit(article, "text", title=title, lang=lang)
    found = type(found)(**{**found.__dict__, "tags": tuple(tags)})
    return ArticleMatch(article, title, lang, 0.9, [found])


def test_only_questions_that_state_an_amount_and_days_and_ask_a_cost_are_worked():
    assert penalty_numbers("信用卡欠了2万，逾期15天了，罚息大概要多少").amount == 20000
    assert penalty_numbers("借呗欠5000年化18%逾期10天罚息多少").rate_assumed is False
    assert penalty_numbers("逾期15天会上征信吗") is None  # no amount
    assert penalty_numbers("信用卡欠了2万，罚息怎么算") is None  # no days
    assert penalty_numbers("信用卡欠了2万，逾期15天，会被起诉吗") is None  # not a cost


def test_the_penalty_article_in_the_readers_language_goes_first():
    first = match("overdue/first-steps-zh.md", "逾期了先别慌")
    english = match("overdue/grace-period-en.md", "Grace periods", "en", tags=("late fee",))
    penalty = match("repayment/penalty-interest-and-fees-zh.md", "逾期后的罚息、违约金和各种费用是怎么算的？")
    assert [m.article for m in formula_first([first, english, penalty], "zh")][0] == penalty.article
    assert formula_first([first], "zh") == [first]
    assert cites_penalty_formula([first, penalty], {penalty.article})
    assert not cites_penalty_formula([first, penalty], {first.article})


def test_the_worked_text_in_english_with_dollars():
    question = "I owe $3000 on my card, 20 days overdue, how much penalty will I pay"
    text = penalty_text(penalty_numbers(question), "en", question)
    assert "penalty = overdue amount × daily penalty rate × days" in text
    assert "Assuming a contract rate of 18.00% a year (typical for a credit card; check your contract)" in text
    assert "$3,000.00 × 0.0641% × 20 days ≈ $38.47" in text and "¥" not in text
