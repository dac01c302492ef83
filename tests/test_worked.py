"""A question's own numbers worked into the answer: which questions, which articles, what text."""

from bot.core.passages import ArticleMatch
from decimal import Decimal

import pytest

from bot.core.worked import (cites_penalty_formula, cites_rate_formula, formula_first, penalty_numbers, penalty_text,
                             periods_missing, rate_formula_first, rate_numbers, rate_text)
from tests.support.core import hit


UPLIFT_ZH = "银行逾期贷款的罚息利率，通常是在合同利率的基础上上浮30%到50%。"


def match(article, title, lang="zh", tags=(), text=UPLIFT_ZH, jurisdiction="CN"):
    found = hit(article, text, title=title, lang=lang)
    found = type(found)(**{**found.__dict__, "tags": tuple(tags), "jurisdiction": jurisdiction})
    return ArticleMatch(article, title, lang, 0.9, [found])


def test_only_questions_that_state_an_amount_and_days_and_ask_a_cost_are_worked():
    assert penalty_numbers("信用卡欠了2万，逾期15天了，罚息大概要多少").amount == 20000
    assert penalty_numbers("借呗欠5000年化18%逾期10天罚息多少").rate_assumed is False
    assert penalty_numbers("逾期15天会上征信吗") is None  # no amount
    assert penalty_numbers("信用卡欠了2万，罚息怎么算") is None  # no days
    assert penalty_numbers("信用卡欠了2万，逾期15天，会被起诉吗") is None  # not a cost


def test_the_penalty_article_in_the_readers_language_goes_first():
    first = match("overdue/first-steps-zh.md", "逾期了先别慌")
    english = match("overdue/grace-period-en.md", "Grace periods", "en", tags=("late fee",), text=UPLIFT_ZH)
    penalty = match("repayment/penalty-interest-and-fees-zh.md", "逾期后的罚息、违约金和各种费用是怎么算的？")
    assert [m.article for m in formula_first([first, english, penalty], "zh")][0] == penalty.article
    assert formula_first([first], "zh") == [first]
    assert cites_penalty_formula([first, penalty], {penalty.article})
    assert not cites_penalty_formula([first, penalty], {first.article})


def test_only_an_article_that_states_the_formula_gets_the_numbers_worked():
    # stop 22: "I owe $5000 on my credit card and I'm 20 days late, how much penalty" was answered from the
    # US grace-period article (tagged "late fee") with China's 30%-50% uplift worked in as if it were the card's
    us_fees = match("overdue/grace-period-en.md", "Grace periods and paying a few days late", "en", tags=("late fee",),
                    text="A few days late usually means a fee under your contract.", jurisdiction="US")
    penalty = match("repayment/penalty-interest-and-fees-zh.md", "逾期后的罚息、违约金和各种费用是怎么算的？")
    assert not cites_penalty_formula([us_fees], {us_fees.article})
    assert cites_penalty_formula([us_fees, penalty], {penalty.article})
    assert formula_first([us_fees, penalty], "en")[0] is penalty  # a China question in English: the formula
    # ... but not China's rule for a question in dollars
    assert formula_first([us_fees, penalty], "en", question="I owe $5000, 20 days late, penalty?")[0] is us_fees
    summary_only = match("a-zh.md", "罚息怎么算", text="见下文。")
    summary_only.hits[0] = type(summary_only.hits[0])(**{**summary_only.hits[0].__dict__, "summary": UPLIFT_ZH})
    assert cites_penalty_formula([summary_only], {"a-zh.md"})


def test_the_worked_text_in_english_with_dollars():
    question = "I owe $3000 on my card, 20 days overdue, how much penalty will I pay"
    text = penalty_text(penalty_numbers(question), "en", question)
    assert "interest = balance × rate ÷ 365 × days" in text
    assert "Assuming a card rate of 18.00% a year (typical for a credit card; check your contract)" in text
    assert "$3,000.00 × 18.00% ÷ 365 × 20 days ≈ $29.59" in text and "¥" not in text


def test_a_loan_other_than_a_card_gets_the_uplift_instead_of_its_contract_rate():
    """The uplifted rate replaces the contract rate on the overdue part: "另外合同利息照常计算" read as both on the same
    amount (stop 32 red team)."""
    question = "网贷欠了8000 逾期15天了 年化18% 罚息怎么算"
    text = penalty_text(penalty_numbers(question), "zh", question)
    assert "上浮30%：¥8,000.00 × 0.0641% × 15 天" in text and "还没逾期的部分照常按合同利率计息" in text
    assert "另外合同利息照常计算" not in text


# A daily or monthly rate the question states, as a year's simple rate (stop 23: "日息千分之一 年化是多少" was
# answered with the article's own example, 日息万五 = 18.25%).
@pytest.mark.parametrize("question, basis, per_period", [
    ("日息千分之一 年化是多少", "daily", "0.001"),
    ("月息2分合法吗", "monthly", "0.02"),
    ("日息万五换算成年化是多少？", "daily", "0.0005"),
    ("借了1.5万 月息1分5 高吗", "monthly", "0.015"),
    ("0.05% a day, what is that per year?", "daily", "0.0005"),
    ("is 2% a month legal?", "monthly", "0.02"),
    ("月利率3%超过法律保护了吗", "monthly", "0.03"),  # asks whether the rate is legal in other words
])
def test_a_daily_or_monthly_rate_asked_about_is_worked(question, basis, per_period):
    rate = rate_numbers(question)
    assert (rate.basis, rate.per_period) == (basis, Decimal(per_period))


@pytest.mark.parametrize("question", ["年化36%合法吗", "日息万五是什么意思", "逾期会上征信吗", "万一还不上怎么办",
                                      "APR 24% is that legal?"])
def test_no_rate_to_work(question):
    assert rate_numbers(question) is None  # an annual rate, no question about a year, or no rate at all


def test_the_rate_worked_in_both_languages():
    daily = rate_numbers("日息千分之一 年化是多少")
    assert rate_text(daily, "zh").startswith("按你说的日息 0.1%：单利年化 = 0.1% × 365 = 36.50%。")
    monthly = rate_numbers("is 2% a month legal?")
    assert rate_text(monthly, "en").startswith("Your rate of 2% a month is a simple annual rate of 2% × 12 = 24.00%.")


def test_the_article_with_the_rate_formula_goes_first_and_only_it_gets_the_numbers():
    instalments = match("repayment/credit-card-individual-instalment-zh.md", "个性化分期", text="最长不超过5年。")
    cap = match("borrowing/interest-cap-and-true-apr-zh.md", "日息万五到底贵不贵",
                text="单利年化 = 0.05% × 365 = 18.25%。")
    assert [m.article for m in rate_formula_first([instalments, cap], "zh")] == [cap.article, instalments.article]
    assert rate_formula_first([instalments], "zh") == [instalments]
    assert cites_rate_formula([instalments, cap], {cap.article})
    assert not cites_rate_formula([instalments, cap], {instalments.article})


def test_a_question_whether_the_rate_is_legal_looks_further_for_the_article_with_the_formula():
    # "2% a month legal?" found the rates article fourth, behind a hardship article's worked example
    others = [match(f"repayment/other-{i}-en.md", f"Other {i}", "en", text="Interest at 20% a year ÷ 12 a month.")
              for i in range(3)]
    rates = match("borrowing/apr-daily-rate-fees-en.md", "APR versus daily rates", "en", text="0.05% a day × 365 = 18.25%.")
    assert rate_formula_first(others + [rates], "en") == others + [rates]
    assert rate_formula_first(others + [rates], "en", question="2% a month legal?")[0] is rates
    assert rate_formula_first(others + [rates], "en", question="2% a month, what is that per year?")[0] is not rates


@pytest.mark.parametrize("question, missing", [
    ("借了2万 每月还1100 利率高吗", True),
    ("borrowed 20000 and pay 1100 a month, is that a good rate?", True),
    ("借了2万，分24期，每月还1100 利率高吗", False),  # the periods are there: the planner works the offer
    ("月薪8000 每月还1100 吃力吗", False),  # asks nothing about a rate
    ("i owe 5000 on my card and pay 200 a month, how long to pay off", False),
    ("每月还1100 利率高吗", False),  # no sum borrowed
])
def test_an_offer_asked_about_without_its_periods(question, missing):
    assert periods_missing(question) is missing


def test_interest_for_days_on_a_stated_amount_and_rate_is_worked():
    """Stop 28 red team: "how much interest piles up on 1500 bucks at 29.99% apr over those 45 days?" got the article's
    own $10,000 example and never the asker's ~$55."""
    from bot.core.worked import interest_numbers, interest_text, worked_order

    question = "how much interest piles up on 1500 bucks at 29.99% apr over those 45 days?"
    estimate = interest_numbers(question)
    assert estimate is not None and penalty_numbers(question) is None
    assert "$1,500.00 × 29.99% ÷ 365 × 45 days ≈ $55.46" in interest_text(estimate, "en", question)
    zh = interest_numbers("借了1万，年化18%，30天利息是多少")
    assert "¥10,000.00 × 18.00% ÷ 365 × 30 天 ≈ ¥147.95" in interest_text(zh, "zh", "借了1万，年化18%，30天利息是多少")
    # a penalty question stays one; no rate or no days: nothing to work
    assert interest_numbers("信用卡欠了2万，逾期15天了，罚息大概要多少") is None
    assert interest_numbers("how much interest on 5000 at 20%?") is None
    # the article that turns a rate into a year's goes first
    rates = match("rates-en.md", "APR versus daily rates", lang="en", text="0.05% a day × 365 days = 18.25% a year.")
    other = match("other-en.md", "Budgeting", lang="en", text="List your income.")
    assert worked_order(question, "en", [other, rates])[0].article == "rates-en.md"


def test_a_penalty_rate_said_by_the_borrower_is_the_one_worked():
    """Stop 29 red team: "罚息按日万五算" got an assumed 18% contract rate marked up 30-50% (¥231-266), not 8000 × 0.05% × 45."""
    estimate = penalty_numbers("逾期45天了 欠了8000 罚息按日万五算的话现在要多还多少钱")
    assert estimate is not None and estimate.penalty_given and estimate.low == estimate.high == Decimal("180.0000")


def test_how_long_a_monthly_payment_takes_is_worked():
    from bot.core.worked import payoff_numbers, payoff_text

    estimate = payoff_numbers("I owe 4500 on a card at 24.99% apr, if i pay 150 a month how long till its gone")
    assert estimate is not None and estimate.months == 48
    text = payoff_text(estimate, "en", "I owe 4500 on a card")
    assert "$4,500.00 at 24.99% a year, paying $150.00 a month" in text and "about 48 months" in text
    zh = payoff_numbers("信用卡欠了3万 年化18% 每个月还1500 要还多久")
    assert zh is not None and zh.months == 24 and "大约 24 个月还清" in payoff_text(zh, "zh")
    assert payoff_numbers("信用卡欠了3万 年化18% 每个月还1500") is None  # nothing asked about how long


def test_a_penalty_worked_for_a_loan_of_no_named_kind_says_what_would_change_it():
    """Stop 30 red team: "借了3万，逾期两个月了，要还多少" was worked as a card's, on the whole 30,000, with no word that an
    instalment loan is overdue only on its missed instalments."""
    question = "借了3万，逾期两个月了，要还多少"
    assert "你没说是哪种借款：如果是分期还的贷款，逾期的通常只是没还上的那几期" in penalty_text(penalty_numbers(question), "zh",
                                                                                          question)
    named = "信用卡欠了2万，逾期15天了，罚息大概要多少"
    assert "你没说是哪种借款" not in penalty_text(penalty_numbers(named), "zh", named)


def test_only_periods_alone_may_complete_an_offer():
    from bot.core.worked import may_complete_offer

    assert may_complete_offer("24期") and may_complete_offer("2 years") and may_complete_offer("24")
    assert not may_complete_offer("逾期会上征信吗") and not may_complete_offer("借了2万 每月还1100 利率高吗")


def test_how_long_asked_without_the_rate_or_the_payment_says_what_is_missing():
    """Stop 32 red team: "信用卡欠了5万 每个月只还最低还款 要多久还清 利息多少" got the snowball article and no sum, nothing asked
    (5万 was read as the monthly minimum)."""
    from bot.core.worked import payoff_needs, payoff_needs_text

    question = "信用卡欠了5万 每个月只还最低还款 要多久还清 利息多少"
    assert payoff_needs(question) == ("annual_rate", "payment")
    assert "还差：年利率（比如年化18%、日息万五）、每月能还多少" in payoff_needs_text(payoff_needs(question), "zh")
    assert payoff_needs("I owe 4500 on a card at 24% apr, how long to pay it off?") == ("payment",)
    assert payoff_needs("I owe 4500 on a card at 24.99% apr, if i pay 150 a month how long") is None  # worked instead
    assert payoff_needs("逾期记录要多久才能消") is None and payoff_needs("信用卡逾期了5天，多久会上征信") is None


def test_the_monthly_payment_to_clear_a_debt_in_a_term_is_worked_and_the_annual_rate_kept_annual():
    """Stop 32 second red team: "想两年还清5万 年化15% 每月要还多少" read 年化15% as 15% a month (180% a year); the English one
    asked the monthly payment back."""
    from decimal import Decimal

    from bot.core.worked import payment_numbers, payment_text
    from bot.planner.extraction import rate_in

    assert rate_in("想两年还清5万 年化15% 每月要还多少").basis == "annual"
    assert rate_in("1.5% 每月").basis == "monthly"  # no label: the word after the number says it
    worked = payment_numbers("想两年还清5万 年化15% 每月要还多少")
    assert worked is not None and worked[:3] == (Decimal(50000), Decimal("0.15"), 24)
    assert "每月约还 ¥2,424.33" in payment_text(worked, "zh")
    english = payment_numbers("I want to pay off 6000 at 20% APR in 2 years, how much per month")
    assert english is not None and "about $305.37 a month" in payment_text(english, "en")
    assert payment_numbers("借了2万 年化18% 每月要还多少") is None  # no term: nothing to work
    assert payment_numbers("信用卡欠了2万，逾期15天了，罚息大概要多少") is None


def test_the_interest_in_all_and_a_payment_tried_are_worked_like_how_long():
    """Stop 32 second red team: both were asked back for "how many payments?"."""
    from bot.core.worked import payoff_numbers, payoff_text

    total = payoff_numbers("my card has 4500 balance, apr 29.99%, I pay 150 a month. how much interest will I pay total")
    assert total is not None and total.months == 57 and "$3,918.21" in payoff_text(total, "en")
    never = payoff_numbers("what if i only pay 50 a month on 5000 at 25% apr")
    assert never is not None and never.months is None and "never pays off" in payoff_text(never, "en")


def test_a_monthly_salary_beside_the_debt_is_no_amount_owed_and_what_the_payoff_needs_is_asked():
    """Stop 32 note, stop 33: "我欠了十万 月薪八千 多久能还完" read nothing ("10万 月薪" was taken for a month) and quoted the
    article on 砍头息 (its title: "借一万到手只有八千")."""
    from bot.core.worked import extract_loan, payoff_needs

    assert extract_loan("我欠了10万 月薪8000 多久能还完")["balance"] == Decimal(100000)
    assert payoff_needs("我欠了十万 月薪八千 多久能还完") == ("annual_rate", "payment")
    assert extract_loan("欠了5万 月供3000")["min_payment"] == Decimal(3000)


def test_a_payoff_that_is_worked_keeps_the_search_order():
    """Stop 33: "12500 owed on my card, 20% apr, how long to pay off at 400 a month" has its payoff worked; it was also read as an
    offer without its periods, which put the Chinese article on true APR before the English ones."""
    from bot.core.worked import worked_order

    question = "12500 owed on my card, 20% apr, how long to pay off at 400 a month"
    rates = match("rates-zh.md", "日息万五到底贵不贵", lang="zh", text="日息0.05% × 365 = 年化18.25%。")
    other = match("hardship-en.md", "Hardship plans", lang="en", text="Ask for a lower rate.")
    assert worked_order(question, "en", [other, rates])[0].article == "hardship-en.md"
    # an offer without its periods still gets the article with the formula
    assert worked_order("借了2万 每月还1100 利率高吗", "zh", [other, rates])[0].article == "rates-zh.md"


def test_a_minimum_said_as_a_share_and_a_monthly_payment_asked_in_plain_words_are_worked():
    """Stop 33 red team: "…the minimum which is 2% of the balance, how long" asked the payment back; "whats my monthly
    payment" (no apostrophe) started the wizard, which asked for the payment."""
    from bot.core.worked import payment_numbers, payoff_numbers, payoff_text

    question = "i owe 10k on my card at 24% and only pay the minimum which is 2% of the balance, how long to pay off"
    estimate = payoff_numbers(question)
    assert estimate is not None and estimate.months is None and estimate.payment == Decimal(200)
    assert "covers no more than the interest, so it never pays off" in payoff_text(estimate, "en", question)
    worked = payment_numbers("car loan 14k left, 6.9%, 60 month term, whats my monthly payment")
    assert worked is not None and worked[2] == 60 and round(worked[3], 2) == Decimal("276.56")


def test_the_formula_article_moved_first_is_in_the_readers_language():
    """Stop 34: "欠信用卡1万，年化18%，三个月利息多少" put an English article on China's credit records (its checklist
    multiplies by 365) before the Chinese ones; the sum is worked beside whichever article answers."""
    chinese = match("repayment/snowball-vs-avalanche-zh.md", "先还哪一笔", text="雪崩法先还利率最高的。")
    english = match("overdue/china-overdue-loan-en.md", "Overdue in China", "en", text="0.05% a day × 365 = 18.25% a year.")
    assert rate_formula_first([chinese, english], "zh") == [chinese, english]
    assert rate_formula_first([chinese, english], "en") == [english, chinese]


def test_interest_for_months_is_worked_in_days():
    """Stop 34 red team: "whats the interest if i owe 3000 at 24% apr for one month" got no sum."""
    from bot.core.worked import interest_numbers

    assert interest_numbers("whats the interest if i owe 3000 at 24% apr for one month").days == 30
    assert interest_numbers("欠信用卡1万，年化18%，三个月利息多少").days == 91
