"""Reading loans, edits and what-if questions out of free text."""

from decimal import Decimal as D

import pytest

from hypothesis import given
from hypothesis import strategies as st

from bot.planner.extraction import (
    Relabel, Removal, parse_relabel, parse_removal,
    Edit, extract_loan, loans_named, looks_like_loan, parse_delay, parse_edit, parse_offer, parse_strategy,
    refused_number, split_loans, loan_kind,
)
from bot.planner.amounts import parse_amount, parse_days
from bot.planner.errors import PlanInputError


@pytest.mark.parametrize("text, expected", [
    ("我欠招行信用卡2万，年化18%，逾期15天",
     {"kind": "credit_card", "name": "招行信用卡", "balance": D(20000), "annual_rate": D("0.18"), "days_overdue": 15}),
    ("我在借呗借了3万，日息万五", {"kind": "online_lender", "name": "借呗", "balance": D(30000), "annual_rate": D("0.1825")}),
    ("花呗还欠8000，最低还款800", {"kind": "online_lender", "name": "花呗", "balance": D(8000), "min_payment": D(800)}),
    ("我有一笔网贷1.2万，逾期了30天，逾期金额2000元",
     {"kind": "online_lender", "name": "网贷", "balance": D(12000), "days_overdue": 30, "overdue_amount": D(2000)}),
    ("欠朋友5000块", {"kind": "private", "name": "朋友", "balance": D(5000)}),
    ("I owe Chase credit card 20k at 18% APR, 15 days overdue",
     {"kind": "credit_card", "name": "Chase credit card", "balance": D(20000), "annual_rate": D("0.18"),
      "days_overdue": 15}),
    ("我欠银行贷款5万，月供2000", {"kind": "bank_loan", "name": "银行贷款", "balance": D(50000), "min_payment": D(2000)}),
])
def test_extract_loan(text, expected):
    assert extract_loan(text) == expected
    assert looks_like_loan(text)


@pytest.mark.parametrize("text, name", [
    # stop 28 red team: "chase card还有 i owe" (the kind joined to its amount with a Chinese 还有), "that one"
    ("chase card, i owe like 4,200 on it. 24.99% apr i think", "chase card"),
    ("yeah also a personal loan from upstart, 9800 left, rate is 31%, payment 340 a month, I'm 20 days late on that one",
     "upstart"),
    ("信用卡，还有一万二没还", "信用卡"),
    # stop 31 notes: the laugh the message ends on and "借我" were part of the name
    ("chase card lol 4000 at 24%", "chase card"), ("capital one lol 2k", "capital one"), ("欠花呗3000呢哈哈", "花呗"),
    ("借我表哥的 3万", "表哥"),
])
def test_the_debts_name_is_the_lender_or_kind_said_not_the_words_around_it(text, name):
    (loan,) = split_loans(text)
    assert loan["name"] == name


@pytest.mark.parametrize("text", ["今天天气不错", "什么是个性化分期？", "我有3笔贷款", "利率是多少", "逾期会上征信吗"])
def test_texts_that_are_not_loans(text):
    assert not looks_like_loan(text)


@pytest.mark.parametrize("text, edit", [
    ("把第二笔的利率改成24%", Edit("annual_rate", "24%", index=2)),
    ("把借呗的利率改成24%", Edit("annual_rate", "24%", loan="借呗")),
    ("第1笔欠款改为3万", Edit("balance", "3万", index=1)),
    ("第三笔逾期天数改成20天", Edit("days_overdue", "20天", index=3)),
    ("收入改成8000", Edit("monthly_income", "8000")),
    ("change the second loan's rate to 24%", Edit("annual_rate", "24%", index=2)),
    ("change loan 2 minimum to 500", Edit("min_payment", "500", index=2)),
    ("set my income to 9000", Edit("monthly_income", "9000")),
])
def test_parse_edit(text, edit):
    assert parse_edit(text) == edit


@pytest.mark.parametrize("text, days", [
    ("再晚还10天要多付多少？", 10), ("拖一个月会怎样", 30), ("晚还10天罚息多少", 10), ("what if I pay 10 days later", 10),
    ("how much more if I wait 10 days", 10), ("10天", None), ("我逾期10天了", None), ("利率是多少", None),
])
def test_parse_delay(text, days):
    assert parse_delay(text) == days


@pytest.mark.parametrize("text, months, payment, fee, upfront, principal", [
    ("银行说可以分24期，每期还983，划算吗？", 24, "983", None, "0", None),
    ("借1万分12期每期1000", 12, "1000", None, "0", "10000"),
    ("分12期，手续费每期0.75%", 12, None, "0.0075", "0", None),
    ("招行给我分24期，每月手续费率0.6%，一次性手续费200", 24, None, "0.006", "200", None),
    ("the bank offers 24 monthly payments of 1000", 24, "1000", None, "0", None),
    # stop 22: the fields read were blanked with spaces, and the amount pattern looks past spaces for a unit:
    # "借1万" + spaces + "年化" was 1 year, and the principal ¥1 ("above 1000% a year") or none at all
    ("借1万分12期每月还983 年化多少啊", 12, "983", None, "0", "10000"),
    ("借10000分12期每月还983 年化多少", 12, "983", None, "0", "10000"),
    # stop 24 red team: "月还" is a monthly payment, "一年还完" / "over 2 years" a term
    ("借了3万，分36期，月还1200，合法吗", 36, "1200", None, "0", "30000"),
    ("借1万，一年还完，每月还900", 12, "900", None, "0", "10000"),
    ("borrowed 10k, paying 983 a month over 2 years", 24, "983", None, "0", "10000"),
    # stop 25 red team: "还一年" and "1年半" are terms
    ("借了1w 每月还1k 还一年 合法不", 12, "1000", None, "0", "10000"),
    ("借2万分1年半每月还1300", 18, "1300", None, "0", "20000"),
])
def test_parse_offer(text, months, payment, fee, upfront, principal):
    offer = parse_offer(text)
    assert offer.months == months
    assert offer.monthly_payment == (None if payment is None else D(payment))
    assert offer.fee_per_period == (None if fee is None else D(fee))
    assert offer.upfront_fee == D(upfront)
    assert offer.principal == (None if principal is None else D(principal))


@pytest.mark.parametrize("text", ["我逾期15天了", "分期", "信用卡可以分期吗？"])
def test_not_offers(text):
    assert parse_offer(text) is None


@given(st.text(max_size=40))
def test_any_text_reads_as_something_or_nothing(text):
    assert isinstance(extract_loan(text), dict)
    assert parse_edit(text) is None or isinstance(parse_edit(text), Edit)
    assert parse_delay(text) is None or parse_delay(text) >= 0
    assert parse_offer(text) is None or parse_offer(text).months >= 0


@pytest.mark.parametrize("text, strategy", [
    ("用雪球法算", "snowball"), ("先还利率最高的", "avalanche"), ("try the avalanche method", "avalanche"),
    ("我想先还借呗", ["借呗"]), ("先还招行信用卡，再还别的", ["招行信用卡"]), ("pay off 借呗 first", ["借呗"]),
    ("先还房贷", None), ("今天天气不错", None),
])
def test_parse_strategy(text, strategy):
    assert parse_strategy(text, ["招行信用卡", "借呗"]) == strategy


@pytest.mark.parametrize("text, balance", [
    ("网贷欠了三十万，家里也不知道", "300000"), ("欠了一百二十万", "1200000"), ("欠了十五万", "150000"),
    ("还有十二万没还", "120000"), ("欠了两千五百块", "2500"), ("借呗欠了1万5", "15000"), ("欠了1万5千", "15000"),
])
def test_chinese_numerals_with_several_units_are_one_amount(text, balance):
    """Found by a red team: "三十万" was read as ¥3 (the "十" cut the number short)."""
    assert extract_loan(text)["balance"] == D(balance)


@pytest.mark.parametrize("text, days", [
    ("逾期二十天", 20), ("逾期十五天", 15), ("逾期二十五天", 25), ("逾期3个月", 90), ("逾期一个月", 30),
    ("逾期了两个月 欠花呗3000", 60), ("逾期半个月", 15), ("逾期45天", 45),
])
def test_days_overdue_keep_their_tens_and_months(text, days):
    """"逾期3个月" was 3 days and "逾期二十天" 2."""
    assert extract_loan(text)["days_overdue"] == days


@pytest.mark.parametrize("text, count", [
    ("我欠招行信用卡2万，借呗1万，花呗5000，帮我做个还款计划", 3), ("花呗3000和借呗5000", 2),
    ("I owe 5000 on a credit card and 3000 on a personal loan", 2), ("信用卡欠2万 每月最低2000", 1),
    ("I owe 5000 on my credit card loan", 1), ("我欠招行信用卡2万，年化18%，逾期15天", 1), ("逾期会怎样", 0),
])
def test_loans_named_counts_the_debts_a_message_lists(text, count):
    assert loans_named(text) == count


def test_the_loans_own_name_gives_its_kind():
    assert extract_loan("我欠招行信用卡2万，借呗1万")["kind"] == "credit_card"


@pytest.mark.parametrize("text, fields", [
    # red team (stop 21): "逾期三万五" was read as 3 days overdue and an amount of 9
    ("逾期了三万五，逾期九十天，每天罚多少", {"overdue_amount": D("35000"), "days_overdue": 90}),
    ("逾期三万五千块，九十天，罚息多少", {"overdue_amount": D("35000"), "days_overdue": 90}),
    ("信用卡逾期两千，三个月了，罚息多少", {"overdue_amount": D("2000"), "days_overdue": 90}),
    ("逾期35000块，90天，罚息多少", {"overdue_amount": D("35000"), "days_overdue": 90}),
    ("我欠借呗2w，日息万五，逾期3k", {"balance": D("20000"), "overdue_amount": D("3000"), "annual_rate": D("0.1825")}),
    # Chinese digits inside words that are no number
    ("我一共欠了3万", {"balance": D("30000")}),
    ("一直逾期，欠信用卡2万", {"balance": D("20000")}),
    ("二手车贷款还欠5万", {"balance": D("50000")}),
    # a decimal point said in words (stop 22: "三点五万" was ¥3, "一点五万" ¥50,000)
    ("欠了三点五万", {"balance": D("35000")}),
    ("信用卡欠一点五万逾期10天", {"balance": D("15000"), "days_overdue": 10}),
    ("借呗两点五万，逾期二十天", {"balance": D("25000"), "days_overdue": 20}),
])
def test_amounts_and_days_in_words_are_read_as_people_mean_them(text, fields):
    found = extract_loan(text)
    assert {key: found.get(key) for key in fields} == fields, found


def test_a_word_with_a_chinese_digit_is_no_amount_and_no_rate():
    assert "balance" not in extract_loan("二手车贷款GPS费用") and not looks_like_loan("二手车贷款GPS费用")
    assert "annual_rate" not in extract_loan("万一还不上怎么办 欠了借呗1万")


def test_a_number_cut_short_of_its_unit_or_a_time_is_no_amount():
    # "1万 年底" reads "1万" as a number of years; the "1" left of it was taken as the balance (stop 22)
    assert extract_loan("欠了1万 年底能还清吗").get("balance") != D(1)
    assert "balance" not in extract_loan("下午三点五十还款")
    assert extract_loan("差一点还不上，欠了2万").get("balance") == D("20000")  # 一点 is "a little" here


def test_days_beyond_ten_years_are_refused_everywhere():
    with pytest.raises(PlanInputError) as error:
        parse_days("99999天")
    assert error.value.code == "too_high" and "10 years" in str(error.value)
    assert "days_overdue" not in extract_loan("借呗欠2万，逾期99999天")
    assert "overdue_amount" not in extract_loan("借呗欠2万，逾期99999天")
    assert parse_delay("再晚还99999天要多付多少？") is None and parse_delay("再晚还10天要多付多少？") == 10


# Red team, stop 22: numbers as borrowers write them (/work/notes/redteam22_numbers.md). Each was read wrong.
@pytest.mark.parametrize("text, fields", [
    # an English word starting with w or k is no unit (was ¥500,000,000)
    ("I have a loan of 50000 with 10% interest", {"balance": D("50000"), "annual_rate": D("0.1")}),
    ("I owe 3000 with 24% interest on my card", {"balance": D("3000")}),
    # a range reads as its upper end (was 340,000 / 23 days / ¥1)
    ("信用卡欠了三四万", {"balance": D("40000"), "name": "信用卡"}),
    ("我欠网贷三四万，逾期两三天了，罚息大概多少？", {"balance": D("40000"), "days_overdue": 3}),
    ("信用卡欠了1-2万", {"balance": D("20000")}),
    # a number-like word before the amount (a place, an age, a shopping day, a lender's name)
    ("我在四川，欠网贷3万", {"balance": D("30000")}),
    ("两口子欠了网贷5万", {"balance": D("50000")}),
    ("双十一在花呗买的，欠了5000", {"balance": D("5000")}),
    ("三十岁了，欠网贷十万", {"balance": D("100000")}),
    ("我在360借条借了2万", {"balance": D("20000")}),
    ("58同城上找的网贷，欠了1万", {"balance": D("10000")}),
    # rates: Chinese tens, the next clause's 每月, a daily rate written 一天
    ("网贷欠2万，年化三十六%", {"annual_rate": D("0.36")}),
    ("信用卡欠2万，年化18%每月还2000", {"annual_rate": D("0.18"), "min_payment": D("2000")}),
    ("网贷欠2万，0.05%一天", {"annual_rate": D("0.1825")}),
    # about so many days is days, not the overdue amount (was ¥20 / ¥1)
    ("信用卡欠2万，逾期20多天了", {"days_overdue": 20, "overdue_amount": None}),
    ("借呗欠一万，逾期一个多月了", {"days_overdue": 30, "overdue_amount": None}),
    # 零 inside a number (was ¥5)
    ("信用卡欠了三千零五块", {"balance": D("3005")}),
    # a date is no duration (was 1 day)
    ("信用卡欠2万，逾期从3月1日开始", {"balance": D("20000"), "days_overdue": None}),
    # a card number is no amount, and no reason to refuse the message
    ("我的信用卡6225881234567890欠了2万，逾期10天", {"balance": D("20000"), "days_overdue": 10}),
])
def test_numbers_as_borrowers_write_them(text, fields):
    found = extract_loan(text)
    assert {key: found.get(key) for key in fields} == fields, found
    assert refused_number(text) is None


@pytest.mark.parametrize("text", [
    "借呗app打不开，客服电话95188", "我的信用卡尾号6789被冻结了", "信用卡账单日是每月5号", "我借了朋友的钱，他说下周三还",
    "我今年35岁，欠了很多网贷", "花呗额度5000", "我欠银行的钱，工资只有3500",
])
def test_an_identifier_a_date_a_limit_or_an_income_is_not_what_is_owed(text):
    # each opened the plan wizard with an invented balance ("记下了：欠款金额 ¥95,188.00")
    assert "balance" not in extract_loan(text) and not looks_like_loan(text)


@pytest.mark.parametrize("text, months, payment, upfront, principal", [
    ("借一万，分十二期，每期还一千，划算吗", 12, "1000", "0", "10000"),  # was 2 periods
    ("分二十四期每期983，本金2万", 24, "983", "0", "20000"),  # was 4 periods, principal 20
    ("分12期每期还1000，我工资5000", 12, "1000", "0", None),  # the salary is no principal (was 203% APR)
    ("可以分24期每期还983，3月1号开始，本金2万", 24, "983", "0", "20000"),  # nor a date (was "over 1000%")
    ("借1万到手9000，分12期每期还900", 12, "900", "1000", "10000"),  # money not received is a cost (was 14.45%)
    ("借1万，砍头息1000，分12期每期1000", 12, "1000", "1000", "10000"),
])
def test_offers_as_borrowers_write_them(text, months, payment, upfront, principal):
    offer = parse_offer(text)
    assert (offer.months, offer.monthly_payment, offer.upfront_fee) == (months, D(payment), D(upfront))
    assert offer.principal == (None if principal is None else D(principal))


@pytest.mark.parametrize("text, balances", [
    ("花呗3千 借呗2万 网贷5千", ["3000", "20000", "5000"]),
    ("信用卡2万/借呗1万/花呗5000", ["20000", "10000", "5000"]),
    ("信用卡欠2万年化18%，借呗1万日息万五", ["20000", "10000"]),  # "1万日息" and "2万年化" are amounts
])
def test_loans_listed_with_spaces_or_slashes_are_all_kept(text, balances):
    # stop 22: every loan after the first was dropped without a word
    assert [loan["balance"] for loan in split_loans(text)] == [D(b) for b in balances]
    assert loans_named(text) == len(balances)


@pytest.mark.parametrize("text, loans", [
    # a debt with no kind of loan named, before a named one, is a debt of its own (was merged into the card,
    # and the card's own amount lost)
    ("欠房东3000，信用卡2万", [(None, "3000"), ("credit_card", "20000")]),
    ("I owe fifteen hundred dollars to my landlord and two thousand on a credit card",
     [(None, "1500"), ("credit_card", "2000")]),
    ("I owe 1,500 to my brother, and 2,000 on a credit card", [("private", "1500"), ("credit_card", "2000")]),
    # a lead-in, a salary, or the total of the loans that follow is none
    ("我欠了：信用卡2万，借呗1万", [("credit_card", "20000"), ("online_lender", "10000")]),
    ("月薪8000，信用卡2万，借呗1万", [("credit_card", "20000"), ("online_lender", "10000")]),
    ("欠了5万 信用卡2万 借呗3万", [("credit_card", "20000"), ("online_lender", "30000")]),
    # rent or pay before the list, with no word of owing, is no debt (red team: both were saved as debts)
    ("每月房租1500，信用卡2万，借呗1万", [("credit_card", "20000"), ("online_lender", "10000")]),
    # a thousands separator ends no part
    ("I owe $5,000 on my visa card at 24%", [("credit_card", "5000")]),
])
def test_the_words_before_the_first_named_loan(text, loans):
    assert [(loan.get("kind"), loan["balance"]) for loan in split_loans(text)] == [(k, D(b)) for k, b in loans]


# Stop 24's red team: lists that lost or merged debts, a total or a count stored as a debt, a list's numbers read
# as amounts. Each part that owes an amount to someone is a debt of its own; a field of the loan before is not.
@pytest.mark.parametrize("text, loans", [
    ("欠亲戚两万，欠同学五千，信用卡还有一万二没还", [("亲戚", "20000"), ("同学", "5000"), ("信用卡", "12000")]),
    ("信用卡2万，欠房东3000", [("信用卡", "20000"), ("房东", "3000")]),
    ("额度3万，已经刷了2万8，另外还欠房东4000", [(None, "28000"), ("房东", "4000")]),
    ("一共欠5万：信用卡2万，借呗3万", [("信用卡", "20000"), ("借呗", "30000")]),
    ("我有3笔欠款：信用卡2万，借呗1万，花呗5000", [("信用卡", "20000"), ("借呗", "10000"), ("花呗", "5000")]),
    ("信用卡：2万，借呗：1万", [("信用卡", "20000"), ("借呗", "10000")]),
    ("total 12000 - credit card 6000, my boss 4000", [("credit card", "6000"), ("my boss", "4000")]),
    ("owe 3 debts: 2,000 to mom, 1,500 on a credit card, 800 to my roommate",
     [("mom", "2000"), ("credit card", "1500"), ("roommate", "800")]),
    ("I owe 1500 to my landlord, 2000 on a credit card and 700 to my brother",
     [("landlord", "1500"), ("credit card", "2000"), ("brother", "700")]),
    ("1.房东 3000 2.信用卡 2万 3.借呗 1.5万", [("房东", "3000"), ("信用卡", "20000"), ("借呗", "15000")]),
    ("i get paid 2,400 a month, credit card 3000, loan 2000", [("credit card", "3000"), ("loan", "2000")]),
    # a loan's own fields stay with it
    ("信用卡2万，利息500，欠我爸3000", [("信用卡", "20000"), ("爸", "3000")]),
    ("招行信用卡2万，年化18%，最低还2000，借呗1万", [("招行信用卡", "20000"), ("借呗", "10000")]),
    # a payment or when is that loan's, not a debt of its own; owing someone names them, whatever their characters
    ("花呗3000，下个月还1000", [("花呗", "3000")]), ("信用卡2万，已经还了5000", [("信用卡", "20000")]),
    ("信用卡2万，上个月刷了3000", [("信用卡", "20000")]), ("网贷欠3万，本月要还2500", [("网贷", "30000")]),
    ("花呗3000，欠花花1000", [("花呗", "3000"), ("花花", "1000")]),
    ("card 3000, owe mom 500 next month", [("card", "3000"), ("mom", "500")]),
    # stop 25 red team: no space between debts, a lender's number after a space, card brands
    ("花呗5000借呗8000", [("花呗", "5000"), ("借呗", "8000")]), ("借呗1万2千花呗3000", [("借呗", "12000"), ("花呗", "3000")]),
    ("欠了4家网贷：安逸花8千 分期乐5千 360借条1万2 拍拍贷3千",
     [("安逸花", "8000"), ("分期乐", "5000"), ("360借条", "12000"), ("拍拍贷", "3000")]),
    ("owe 5k on visa, 3k on mastercard", [("visa", "5000"), ("mastercard", "3000")]),
    ("信用卡2万5千", [("信用卡", "25000")]),
    ("I owe 3 people: mom 2000 dad 1500 and 900 to sis", [("mom", "2000"), ("dad", "1500"), ("sis", "900")]),
    ("visa 5000 mastercard 3000", [("visa", "5000"), ("mastercard", "3000")]), ("card 3000 min 90", [("card", "3000")]),
])
def test_every_debt_of_a_list_is_kept_apart(text, loans):
    assert [(loan.get("name"), loan["balance"]) for loan in split_loans(text)] == [(n, D(b)) for n, b in loans]


@pytest.mark.parametrize("text", ["i have 3 debts", "我有3笔欠款", "360借条", "借了", "owe 2 lenders"])
def test_a_count_or_a_lenders_number_is_no_amount(text):
    assert "balance" not in extract_loan(text)


def test_a_word_of_borrowing_is_no_name():
    assert "name" not in extract_loan("借了5000") and extract_loan("欠360借条3000")["balance"] == D("3000")


@pytest.mark.parametrize("text, balance", [("I owe 3 grand on my credit card", "3000"),
                                           ("I owe 1.2 million on a bank loan", "1200000")])
def test_english_number_words(text, balance):
    assert extract_loan(text)["balance"] == D(balance)


def test_a_minimum_said_with_its_verb_and_a_delay_in_chinese_tens():
    assert extract_loan("信用卡欠2万，年化18%，每月最低还2000")["min_payment"] == D("2000")  # was asked again
    assert parse_delay("再晚还十五天要多付多少？") == 15 and parse_delay("再拖二十天要多付多少") == 20  # were articles


# The regression check of the stop 22 changes (/work/notes/redteam22_regressions.md): each was read right
# before them and wrong after, until fixed.
@pytest.mark.parametrize("text, balances", [
    ("信用卡分期2万，借呗1万", ["20000", "10000"]),  # an amount after 期 (分期, 逾期) is an amount
    ("花呗分期3000，借呗1万", ["3000", "10000"]),
    ("网贷欠了 3 万，信用卡欠了 2 万", ["30000", "20000"]),  # a space before a unit splits nothing
])
def test_regressions_of_the_list_splitting(text, balances):
    assert [loan["balance"] for loan in split_loans(text)] == [D(b) for b in balances]


@pytest.mark.parametrize("text, fields", [
    ("I owe 5000, paying $200 a month", {"balance": D("5000")}),  # the word before a number beats its unit
    ("欠了30000，每个月挣5000块", {"balance": D("30000")}),
    ("逾期 30 天", {"days_overdue": 30, "overdue_amount": None}),
    ("信用卡2万，日息0.05%/天", {"annual_rate": D("0.1825")}),  # a slash before a unit is part of a rate
    ("I have 5000 credit card debt", {"balance": D("5000"), "kind": "credit_card"}),
    ("欠了几百万", {"balance": None}),  # "several million": asked, never 10,000
    ("利息1.5%每月还款", {"annual_rate": D("0.18")}),  # 每月 is the rate's unit unless a number follows
    ("信用卡欠2万，逾期一个半月", {"days_overdue": 45, "overdue_amount": None}),
    ("欠了2万零50", {"balance": D("20050")}),
    ("欠了20多万", {"balance": D("200000")}),  # more than so many 万 (was ¥20)
    ("欠了一百多万", {"balance": D("1000000")}),
    ("I owe 5000. Help", {"balance": D("5000")}),  # a full stop after a number (was no amount)
])
def test_regressions_of_the_amount_reading(text, fields):
    found = extract_loan(text)
    assert {key: found.get(key) for key in fields} == fields, found


@pytest.mark.parametrize("text", ["信用卡2万，分12期，每期2000", "5万分24期每期2500", "借款金额2万，分12期，每期2000",
                                  "分12期，每期2000，2万本金"])
def test_what_names_an_offers_principal(text):
    # a loan's name, the message's first words, 金额 or 本金 after it; never a salary or a date
    assert parse_offer(text).principal in (D("20000"), D("50000"))


# Rates in 分 and per mille in a message (branch planner-forms): each was missed, and its number read as the
# balance ("月息1分5" was ¥1, "日息千分之一" ¥1).
@pytest.mark.parametrize("text, fields", [
    ("信用卡欠2万，月息1分5", {"balance": D("20000"), "annual_rate": D("0.18")}),
    ("朋友借我3万，利息两分", {"balance": D("30000"), "annual_rate": D("0.24")}),
    ("欠了5000，月利率1分", {"balance": D("5000"), "annual_rate": D("0.12")}),
    ("借了3万，3分利", {"balance": D("30000"), "annual_rate": D("0.36")}),
    ("网贷欠1万，日息千分之一", {"balance": D("10000"), "annual_rate": D("0.365")}),
    ("网贷欠1万，日息万分之五", {"balance": D("10000"), "annual_rate": D("0.1825")}),
    ("欠了2万，年化18%，利息1分5", {"balance": D("20000"), "annual_rate": D("0.18")}),  # the % form is read first
    # not a rate, and not an amount of 1 or 90: a minute, a score, 年息1分 (10% a year in the same idiom), no interest
    ("我1分钟前借了2万", {"balance": D("20000"), "annual_rate": None}),
    ("考了90分，欠了2万", {"balance": D("20000"), "annual_rate": None}),
    ("年息1分，欠了2万", {"balance": D("20000"), "annual_rate": None}),
    ("朋友借我一万，一分利都没收", {"balance": D("10000"), "annual_rate": None}),
])
def test_rates_in_fen_and_per_mille_in_a_message(text, fields):
    found = extract_loan(text)
    assert {key: found.get(key) for key in fields} == fields, found
    assert refused_number(text) is None


@pytest.mark.parametrize("text", ["1分钟", "考了90分", "月息1分钟", "逾期1分钟也算逾期吗"])
def test_minutes_and_scores_are_no_loan(text):
    found = extract_loan(text)
    assert not {"balance", "annual_rate", "overdue_amount"} & set(found), found
    assert not looks_like_loan(text)


# English percent and numbers in words in a message (branch planner-forms): "24 percent" was a balance of ¥24,
# "two thousand" no amount at all.
@pytest.mark.parametrize("text, fields", [
    ("I owe 5000 on my card at 24 percent", {"balance": D("5000"), "annual_rate": D("0.24")}),
    ("I owe 5000, APR of 24 percent", {"balance": D("5000"), "annual_rate": D("0.24")}),
    ("payday loan 800, 0.05 percent a day", {"balance": D("800"), "annual_rate": D("0.1825")}),
    ("I owe 3000 at 18 pct", {"balance": D("3000"), "annual_rate": D("0.18")}),
    ("I owe two thousand on my card", {"balance": D("2000"), "kind": "credit_card"}),
    ("I owe five thousand dollars", {"balance": D("5000")}),
    ("I borrowed twenty thousand from a friend", {"balance": D("20000"), "kind": "private"}),
    ("I owe fifteen hundred", {"balance": D("1500")}),
    ("I owe a thousand on my card", {"balance": D("1000")}),
    ("I owe 3.5 thousand", {"balance": D("3500")}),
    # a number word without a scale is no amount: "one" is never a debt of 1
    ("I have one loan of 5000", {"balance": D("5000")}),
    ("one card, I owe 3000 on it", {"balance": D("3000")}),
])
def test_english_percent_and_number_words_in_a_message(text, fields):
    found = extract_loan(text)
    assert {key: found.get(key) for key in fields} == fields, found
    assert refused_number(text) is None


@pytest.mark.parametrize("text", ["one card", "one loan", "I have one card and one loan"])
def test_a_number_word_alone_is_no_loan(text):
    assert "balance" not in extract_loan(text) and not looks_like_loan(text)


# Instalment offers in English and in years (branch planner-forms): each was no offer.
@pytest.mark.parametrize("text, months, payment, principal", [
    ("borrow 10k, 12 instalments of 983", 12, "983", "10000"),
    ("12 monthly payments of 983", 12, "983", None),
    ("12 installments of 1k", 12, "1000", None),
    ("I borrowed 10k, 12 monthly installments of 983", 12, "983", "10000"),
    ("借2万分期3年，每月还700", 36, "700", "20000"),
    ("借2万分3年还，每月还700", 36, "700", "20000"),
    ("借2万分两年，每月还1000", 24, "1000", "20000"),
    ("借2万分期三年每期700", 36, "700", "20000"),
    ("借2万分十年每月还300", 120, "300", "20000"),
])
def test_instalment_offers_in_english_and_in_years(text, months, payment, principal):
    offer = parse_offer(text)
    assert (offer.months, offer.monthly_payment) == (months, D(payment))
    assert offer.principal == (None if principal is None else D(principal))


@pytest.mark.parametrize("text", ["3年前借了2万，每月还1000", "借2万，年化18%，每月还1000", "12 installments", "分3年还"])
def test_years_that_are_no_term_and_terms_without_a_payment_are_no_offer(text):
    assert parse_offer(text) is None


# A dot before three digits on money owed is a thousands separator (branch planner-forms): "I owe $20.000" was ¥20.
@pytest.mark.parametrize("text, balance", [
    ("I owe 20.000", "20000"), ("I owe $20.000 on my card", "20000"), ("欠了20.000元", "20000"),
    ("欠了1.500万", "15000"),  # a unit keeps its decimal point
])
def test_a_dot_grouping_thousands_on_money_owed(text, balance):
    assert extract_loan(text)["balance"] == D(balance)


def test_a_dot_grouped_principal_of_an_offer():
    assert parse_offer("borrow 10.000, 12 instalments of 983").principal == D("10000")


# Offers as the stop-23 red team wrote them: "每月还款", and a principal named after its number ("on a 1000 loan").
@pytest.mark.parametrize("text, months, payment, principal", [
    ("借款5万，分期3年，每月还款1800元", 36, "1800", "50000"),
    ("Bank offered 12 monthly payments of 983 for my 10000 loan", 12, "983", "10000"),
    ("My payday lender wants 6 payments of 250 on a 1000 loan", 6, "250", "1000"),
    ("They offered me 12 instalments of 983 on a $10.000 balance, is that a good deal?", 12, "983", "10000"),
    ("2万本金 分12期 每期1900", 12, "1900", "20000"),
    ("分12期每期1900，2万的贷款", 12, "1900", "20000"),
])
def test_an_offers_principal_named_after_its_number(text, months, payment, principal):
    offer = parse_offer(text)
    assert (offer.months, offer.monthly_payment, offer.principal) == (months, D(payment), D(principal))


@pytest.mark.parametrize("text, principal", [
    ("平台说3万分36期，每期1200，这个利息高不高", "30000"),  # stop 23: "how much is the offer for?"
    ("他们说3万 分36期 每期1200", "30000"),
    ("工资5000 分12期每期1000", None), ("工资5000，分12期每期1000", None), ("额度5000 分12期每期500", None),
])
def test_the_amount_split_into_the_periods_is_the_principal(text, principal):
    assert parse_offer(text).principal == (None if principal is None else D(principal))


@pytest.mark.parametrize("text, months, payment, principal", [
    ("lender says 10000 over 12 months at 850 per month is that ok", 12, "850", "10000"),  # stop 23: no principal
    ("they want me to pay $450/mo for 24 months on a $8k loan, is that a rip off?", 24, "450", "8000"),  # no offer
    ("10k over 12 months at 850 a month, is that ok?", 12, "850", "10000"),
])
def test_english_offers_over_months(text, months, payment, principal):
    offer = parse_offer(text)
    assert (offer.months, offer.monthly_payment, offer.principal) == (months, D(payment), D(principal))


@pytest.mark.parametrize("text, name", [
    ("借呗借了2万", "借呗"), ("信用卡还差200没还完", "信用卡"), ("借呗快一万了", "借呗"), ("网贷欠2万", "网贷"),
    ("i still owe my bro like 500 lol", "bro"), ("有钱花2万", "有钱花"), ("我有信用卡2万", "信用卡"),
])
def test_a_name_is_the_lender_without_the_verb_or_hedge_before_the_amount(text, name):
    """Stop 25 red team: "借呗借", "信用卡还差", "借呗快", "bro like", "款:,花呗" were saved as names."""
    assert split_loans(text)[0]["name"] == name


def test_a_field_word_between_amounts_starts_no_debt():
    assert len(split_loans("credit card 5000 balance 3000 overdue")) == 1


def test_a_lead_in_before_a_numbered_list_is_no_part_of_the_first_name():
    loans = split_loans("欠款：1. 花呗3000元 2. 借呗 1.2万 3. 美团月付 800")
    assert [loan["name"] for loan in loans] == ["花呗", "借呗", "美团月付"]


# Stop 25's second red team: hotlines, savings, a house's worth, gifts, money owed to the user, what a lender said,
# a total after the list and a list's numbers were saved as debts (or replaced one).
@pytest.mark.parametrize("text, loans", [
    ("信用卡2万，我打了95555客服电话，说可以停息挂账60期", [("信用卡", "20000")]),
    ("Credit card 3000, called 1-800-555-0199 and they said 24 months", [("Credit card", "3000")]),
    ("网贷2万，我还有存款3000", [("网贷", "20000")]),
    ("欠银行20万，抵押了房子，房子值100万", [("银行", "200000")]),
    ("信用卡欠3万多，具体是31520元", [("信用卡", "30000")]),
    ("花呗5000，朋友还欠我2万没还", [("花呗", "5000")]),
    ("信用卡欠3万，我妈给了我5000帮我还", [("信用卡", "30000")]),
    ("信用卡2万，已经逾期60天，银行让我先还5000", [("信用卡", "20000")]),
    ("花呗8000，每个月15号扣款，我卡里只有200", [("花呗", "8000")]),
    ("I owe 7000 on my Visa, paid 500 last month, next payment 300 on the 15th", [("Visa", "7000")]),
    ("借呗1万，微粒贷2万，共3万", [("借呗", "10000"), ("微粒贷", "20000")]),
    ("2、花呗 5000", [("花呗", "5000")]), ("网贷欠款共计4.5万元", [("网贷欠款", "45000")]),
    ("网贷欠了12万，一共8个平台，每个月要还1万多，工资才5000", [("网贷", "120000")]),
    # ... and what is: rent owed, a glued third lender, a count before a Chinese dash, "一笔是…"
    ("花呗5000，欠房东两个月房租3000", [("花呗", "5000"), ("房东", "3000")]),
    ("花呗5000借呗8000京东白条3000", [("花呗", "5000"), ("借呗", "8000"), ("京东白条", "3000")]),
    # a name before its colon, one debt a line (stop 25 third red team: one debt of 5000 with no name)
    ("Chase: 5k\nBoA: 3k", [("Chase", "5000"), ("BoA", "3000")]), ("I owe Chase: 5k\nBoA: 3k", [("Chase", "5000"), ("BoA", "3000")]),
    ("花呗：3000\n借呗：5000\n京东白条：2000", [("花呗", "3000"), ("借呗", "5000"), ("京东白条", "2000")]),
    # who lent it, after "from" (the sister's 600 was lost)
    ("borrowed 1500 from my roommate and 600 from my sister", [("roommate", "1500"), ("sister", "600")]),
    ("owe visa 3000 and 1200 from my brother", [("visa", "3000"), ("brother", "1200")]),
    ("got 500 from my mom last week, owe visa 3000", [("mom", "500"), ("visa", "3000")]),
    ("花呗欠贰万，借呗一万", [("花呗", "20000"), ("借呗", "10000")]),
    ("欠了三笔——花呗5000，借呗8000", [("花呗", "5000"), ("借呗", "8000")]),
    ("欠了2笔，一笔是花呗5000，一笔是借呗8000", [("花呗", "5000"), ("借呗", "8000")]),
])
def test_what_is_not_the_users_debt_is_not_saved_as_one(text, loans):
    assert [(loan.get("name"), loan["balance"]) for loan in split_loans(text)] == [(n, D(b)) for n, b in loans]


def test_money_owed_to_the_user_alone_is_no_debt():
    assert split_loans("朋友欠我2000") == [{}]


def test_an_english_edit_may_name_the_loan_without_an_apostrophe():
    """Stop 25 red team: "change the car loan amount to 25000" was not understood (only "car loan's amount" was)."""
    assert parse_edit("change the car loan amount to 25000") == Edit("balance", "25000", None, "car loan")
    assert parse_edit("change the amount to 2500") == Edit("balance", "2500", None, None)


# Stop 25's third red team (split_loans on 232 fresh messages: 168 right before these fixes).
@pytest.mark.parametrize("text, loans", [
    ("房租1200，信用卡3000", [("信用卡", "3000")]), ("rent is 1400, credit card 6000", [("credit card", "6000")]),
    ("7k in savings and 9k on a credit card", [("credit card", "9000")]),
    ("my friend owes me 2000 but i owe my bank 8000", [("bank", "8000")]),
    ("朋友欠我2万但我欠银行5万", [("银行", "50000")]),
    ("花呗3000，欠老乡2万 月息2%", [("花呗", "3000"), ("老乡", "20000")]),
    ("mortgage 200k at 4%, visa 5k at 22%", [("mortgage", "200000"), ("visa", "5000")]),
    ("我买车借了银行12万，还有7万没还", [("银行", "70000")]), ("paid off 2k on my visa, 3k left", [("visa", "3000")]),
    ("借呗2万 年化18% 花呗3千", [("借呗", "20000"), ("花呗", "3000")]),
    ("信用卡2万 + 借呗1万", [("信用卡", "20000"), ("借呗", "10000")]),
    ("借呗3万 已还1万 剩2万", [("借呗", "20000")]), ("上个月还了3000，信用卡还欠2万", [("信用卡", "20000")]),
    # a gift, money lent out, a bonus are no debts of the user's
    ("我妈给了我5000，我拿去还了花呗，现在花呗还剩3000", [("花呗", "3000")]),
    ("我借给表弟3万他一直不还，我自己欠借呗2万", [("借呗", "20000")]),
    ("I got a $1000 bonus, I owe $4000 on my credit card", [("credit card", "4000")]),
    ("2023年3月借的借呗5万，现在还剩3万2", [("借呗", "32000")]), ("银行同意减免5000，我信用卡还欠4万", [("信用卡", "40000")]),
    ("my brother borrowed 2000 from me, I owe my bank 10k", [("bank", "10000")]),
    ("I have 3000 in my checking account and owe 5000 on a loan", [("loan", "5000")]),
])
def test_what_is_left_of_each_debt_and_only_the_users_debts(text, loans):
    assert [(loan.get("name"), loan["balance"]) for loan in split_loans(text)] == [(n, D(b)) for n, b in loans]


@pytest.mark.parametrize("text, loans", [
    ("信用卡两张，一张欠2万一张欠1万", [("信用卡1", "20000"), ("信用卡2", "10000")]),
    ("两笔网贷，一笔1万一笔2万", [("网贷1", "10000"), ("网贷2", "20000")]),
    ("I owe 3 lenders: 2000, 3000 and 5000", [(None, "2000"), (None, "3000"), (None, "5000")]),
    ("3 cards. 2k, 4k, 6k", [(None, "2000"), (None, "4000"), (None, "6000")]),
    # a total after the count is none of them (stop 25 final red team: a fourth debt of 29,500)
    ("我欠了三笔：京东白条3500，分期乐6000，朋友借我2万，合计29500。", [("京东白条", "3500"), ("分期乐", "6000"), ("朋友", "20000")]),
    ("我一共4笔，总共欠8万：信用卡3万，借呗2万，车贷4万，借朋友1万",
     [("信用卡", "30000"), ("借呗", "20000"), ("车贷", "40000"), ("借朋友", "10000")]),
])
def test_the_items_after_a_count_are_each_a_debt(text, loans):
    """Stop 25 third red team: after "信用卡两张", "3 lenders:", each bare amount is one of them (all but one were lost)."""
    assert [(loan.get("name"), loan["balance"]) for loan in split_loans(text)] == [(n, D(b)) for n, b in loans]


def test_english_lists_with_rates_sentences_and_lenders_who_lent_to_the_user():
    """Stop 25 final red team: Discover and the student loan were lost, "my brother lent me 800" dropped, "a car loan of"."""
    loans = split_loans("My debts: Capital One card 3,200 at 27%, Discover 1,800 at 22%, student loan 15k at 5%. "
                        "My roommate owes me 400 and I paid 150 toward Discover yesterday")
    assert [(loan["name"], loan["balance"]) for loan in loans] == [
        ("Capital One card", D("3200")), ("Discover", D("1800")), ("student loan", D("15000"))]
    loans = split_loans("I owe Chase credit card $4,500 at 24% APR, a car loan of 12000 at 6%, and my brother lent me "
                        "800 with no interest. I also have 2000 in savings.")
    assert [(loan["name"], loan["balance"]) for loan in loans] == [
        ("Chase credit card", D("4500")), ("car loan", D("12000")), ("brother", D("800"))]


# Stop 26 red team (150 lists typed as on a phone, 127 right before these fixes, 142 after): each was lost, invented,
# merged or misread.
@pytest.mark.parametrize("text, loans", [
    ("I took out a $15,000 loan from LendingClub in 2021", [("LendingClub", "15000")]),  # was 15
    ("call me at 415-555-0198, I owe Synchrony 2100", [("Synchrony", "2100")]),  # was 198
    ("Hospital bill $12,500, went to collections in January 2024", [("Hospital bill", "12500")]),  # 2,024 was a debt
    ("capital one - 2100\ndiscover - 900", [("capital one", "2100"), ("discover", "900")]),  # a dash is no minus
    ("1) 借呗 - 3w\n2) credit card - 5k\n3) 同事 - 800", [("借呗", "30000"), ("credit card", "5000"), ("同事", "800")]),
    ("上个月还了借呗3000，借呗现在还剩7000", [("借呗", "7000")]),  # a payment is no debt
    ("我昨天已经还了花呗1000，现在就剩借呗6000没还", [("借呗", "6000")]),
    ("paid 借呗 2000 already this month, 借呗 still owe 8000", [("借呗", "8000")]),
    ("花呗欠3000，这个月刚还了1000，花呗现在剩2000", [("花呗", "2000")]),  # one debt, as last stated
    ("去年找同事借了3000，上个月已经还了1000，还差同事2000", [("同事", "2000")]),
    ("我同学找我借了3000，我自己欠美团借钱6000", [("美团", "6000")]),  # money lent by the user
    ("同事借我的2000还没还我，我欠信用卡4000", [("信用卡", "4000")]),
    ("网贷：\n分期乐 3200\n省呗 4100\n360借条 7600", [("分期乐", "3200"), ("省呗", "4100"), ("360借条", "7600")]),
    ("借呗2万（逾期30天）花呗5000", [("借呗", "20000"), ("花呗", "5000")]),  # after a note in brackets
    ("I owe my mom $1,000 and my landlord $1,800 for back rent", [("mom", "1000"), ("my landlord", "1800")]),
    ("paid off 2k on my visa, 3k left", [("visa", "3000")]),
    ("花呗/借呗/白条 分别是 2000/5000/3000", [("花呗", "2000"), ("借呗", "5000"), ("白条", "3000")]),  # names, then amounts
    ("借呗和花呗分别欠了2万和5000", [("借呗", "20000"), ("花呗", "5000")]),
    ("visa and amex are 2k and 3k respectively", [("visa", "2000"), ("amex", "3000")]),
    ("欠款总额：3万（借呗2万+花呗1万）", [("借呗", "20000"), ("花呗", "10000")]),  # the total's debts in brackets
    ("借呗2万+花呗1万", [("借呗", "20000"), ("花呗", "10000")]),
    ("I owe my landlord two months of rent, $2,400 in all", [("landlord", "2400")]),  # a total of one debt is it
])
def test_lists_typed_on_a_phone_keep_each_debt_once_with_its_amount(text, loans):
    assert [(loan.get("name"), loan["balance"]) for loan in split_loans(text)] == [(n, D(b)) for n, b in loans]


def test_the_debt_list_probe_set_keeps_its_floor():
    """tests/data/debt_lists_probe.jsonl: 150 lists of debts typed as on a phone, written by a red team (stop 26) that
    never saw the code: 127 right before its fixes, 145 after (a total named 网贷 with its parts, 'Apple 分期', a
    savings balance and two messages owing nothing are left)."""
    import json
    from pathlib import Path
    rows = [json.loads(line) for line in (Path(__file__).parent / "data" / "debt_lists_probe.jsonl").read_text(
        encoding="utf-8").splitlines() if line.strip()]
    right = sum([loan.get("balance") for loan in split_loans(row["text"])] == [D(str(b)) for _, b in row["expect"]]
                for row in rows)
    assert len(rows) == 150 and right >= 145


# Stop 26 red team (multi-turn): a correction with no field named was "没看懂" or a fifth debt "借呗改成"; "min 40" at the
# rate step replaced a 1,200 balance; "9000可以分12期" had no principal
@pytest.mark.parametrize("text, loan, value", [("借呗改成8000", "借呗", "8000"), ("等下 借呗改成8000，我记错了", "借呗", "8000"),
                                               ("change visa to 2500", "visa", "2500")])
def test_a_loans_amount_corrected_without_naming_the_field_is_an_edit_of_its_balance(text, loan, value):
    edit = parse_edit(text)
    assert edit is not None and (edit.field, edit.loan, edit.value) == ("balance", loan, value)
    assert parse_edit("改成8000") is None and parse_edit("我改成每月还500") is None


def test_min_is_the_minimum_payment_not_the_balance():
    assert extract_loan("mastercard is 29.99% apr, min 40") == {"kind": "credit_card", "annual_rate": D("0.2999"),
                                                                "min_payment": D("40")}


def test_an_offers_principal_may_be_said_with_can_before_its_periods():
    offer = parse_offer("催收说9000可以分12期，每期还900，这个划算吗？相当于年化多少")
    assert offer is not None and offer.principal == D(9000) and offer.months == 12


@pytest.mark.parametrize("text, balance", [("credit card, all 3 are credit cards", None), ("all 3 of my cards are maxed", None),
                                           ("all 3000 is on my visa", "3000"), ("I owe 3000 on all my cards", "3000")])
def test_a_count_of_debts_is_no_amount(text, balance):
    """Stop 26 red team: "credit card, all 3 are credit cards" at the kind step saved a debt of $3."""
    found = split_loans(text)[0].get("balance")
    assert (str(found) if found is not None else None) == balance


@pytest.mark.parametrize("text, index, loan, paid", [
    ("删掉花呗", None, "花呗", False), ("把花呗删掉", None, "花呗", False), ("第二笔不算了", 2, None, False),
    ("删除第2笔", 2, None, False), ("花呗已经还清了", None, "花呗", True), ("花呗还清了，不用算了", None, "花呗", True),
    ("remove discover", None, "discover", False), ("delete loan 2", 2, None, False), ("chase is paid off", None, "chase", True),
    ("I paid off my chase card", None, "chase card", True), ("drop the second one", 2, None, False),
    ("forget about the visa", None, "visa", False), ("take out number 3", 3, None, False)])
def test_a_debt_taken_out_of_the_plan(text, index, loan, paid):
    """Stop 26 red team: there was no way to take one debt out of a list."""
    assert parse_removal(text) == Removal(index=index, loan=loan, paid=paid)


@pytest.mark.parametrize("text", ["花呗还清了征信多久恢复？", "remove it", "我还清了", "借呗改成8000", "删掉了吗", "how do I remove a late mark?"])
def test_no_removal(text):
    assert parse_removal(text) is None


def test_also_is_no_part_of_a_name():
    """Stop 27 red team: "also capital one 1200, 29.9%, min 40" made a debt named "also capital one"."""
    assert split_loans("also capital one 1200, 29.9%, min 40, 10 days late")[0]["name"] == "capital one"
    assert split_loans("plus discover 500")[0]["name"] == "discover"


@pytest.mark.parametrize("text, index, loan, name, kind", [
    ("把第一笔改名叫工行", 1, None, "工行", None), ("借呗改名叫支付宝借呗", None, "借呗", "支付宝借呗", None),
    ("rename loan 2 to Ally", 2, None, "Ally", None), ("change chase's name to Chase Sapphire", None, "chase", "Chase Sapphire", None),
    ("Chase Freedom is a credit card, not a bank loan", None, "chase freedom", None, "credit_card"),
    ("第二笔是信用卡", 2, None, None, "credit_card"), ("招联是网贷", None, "招联", None, "online_lender")])
def test_a_debts_new_name_or_kind(text, index, loan, name, kind):
    """Stop 27 red teams: "把第一笔改名叫工行" and "Chase Freedom is a credit card, not a bank loan" could not be done."""
    assert parse_relabel(text) == Relabel(index, loan, name=name, kind=kind)


def test_stop_28_red_team_readings():
    # "每个月还他1000" is the friend's monthly payment: it had replaced the ¥10,000 owed
    assert split_loans("私人借款，朋友的，没利息，每个月还他1000，不算逾期")[0]["min_payment"] == D(1000)
    # "只" is no name: a correction of 借呗 had become a new debt named "只"
    assert split_loans("借呗现在只剩12000了，改一下") == [{"kind": "online_lender", "balance": D(12000), "name": "借呗"}]
    assert parse_amount("6 or 7 thousand") == D(7000) and parse_amount("5 to 6 grand") == D(6000)  # a range: its upper end
    # stop 28 second red team: the days said beat the month ("一个多月" had stored 30), a count and a fee are no debt
    assert extract_loan("逾期一个多月了，40天左右，逾期了六千五")["days_overdue"] == 40
    assert split_loans("2 missed payments so 240 i guess, plus the 40 fee") == [{"balance": D(240)}]
    assert split_loans("payment is 480/mo. and a Discover card around 6200 at 27%")[0]["min_payment"] == D(480)
    assert extract_loan("借呗欠1.2w，最低还款每月1100")["min_payment"] == D(1100)
    assert split_loans("car loan w/ Ally, owe 14,250 at 7.9%, payment 389/month")[0]["name"] == "Ally"  # was "car loan w"
    for text in ("网贷也有两三万", "等下，网贷是2万5，分三个平台的", "网贷就是那2万5，年化24%左右"):  # were 网贷也/网贷是/网贷就是那
        assert [loan["name"] for loan in split_loans(text)] == ["网贷"], text


@pytest.mark.parametrize("text", ["借呗改成8000", "工行信用卡是多少", "I am a student", "招联是网贷吗？", "its 500", "its a lot"])
def test_no_relabel(text):
    assert parse_relabel(text) is None


@pytest.mark.parametrize("text, kind", [
    # stop 28 red team: "its a bank loan not a credit card" got the China jail article; the kind could not be changed
    ("it's a credit card", "credit_card"), ("wait its not a credit card its a bank loan", "bank_loan"),
    ("its a bank loan not a credit card", "bank_loan"), ("不对，是网贷", "online_lender"), ("它是信用卡", "credit_card"),
])
def test_the_kind_of_the_debt_being_described(text, kind):
    assert parse_relabel(text) == Relabel(None, None, kind=kind, it=True)


def test_a_debts_kind_changed_by_its_number():
    assert parse_relabel("change the first loan's kind to bank loan") == Relabel(1, None, kind="bank_loan")


@pytest.mark.parametrize("text, kind", [("its a wells fargo personal loan", "bank_loan"), ("car loan with ally", "bank_loan"),
                                        ("Synchrony card (its for my furniture)", "credit_card"), ("wells fargo", "credit_card")])
def test_what_the_debt_is_wins_over_the_lenders_usual_kind(text, kind):
    assert loan_kind(text)[0] == kind


def test_a_correction_in_one_unit_and_a_removal_that_denies_the_debt():
    """Stop 29 red team: "actually discover is 22.5% not 25" made a new $25 debt; "delete loan 4, there is no loan 4" a $4 one."""
    from bot.planner.extraction import parse_not_that

    assert parse_not_that("actually discover is 22.5% not 25, i checked the app") == ("22.5%", "25%")
    assert parse_not_that("it's 8900 not 9800") == ("8900", "9800")
    assert parse_removal("delete loan 4, there is no loan 4") == Removal(index=4)
    assert parse_removal("delete loan 4, its 500 now") is None


def test_an_offer_paid_every_month_is_an_offer():
    """Stop 29 second red team: "…12 months, paying 1950 every month. whats the real apr" started the wizard; "a month" worked."""
    offer = parse_offer("borrowed 20000 yuan, 12 months, paying 1950 every month. whats the real apr on that")
    assert offer is not None and offer.months == 12 and offer.monthly_payment == D("1950") and offer.principal == D("20000")


def test_a_minimum_said_with_a_doubt_is_the_minimum():
    """Stop 29 second red team: "min payment idk maybe 90" was $90 owed, named "maybe", over a $3,000 balance."""
    assert extract_loan("discover. apr is 27% i think, min payment idk maybe 90") == {
        "kind": "credit_card", "annual_rate": D("0.27"), "min_payment": D("90")}


@pytest.mark.parametrize("text, fields", [
    ("年化22.5% 每月1200 逾期20天 逾期金额1200",
     {"annual_rate": "0.225", "min_payment": "1200", "days_overdue": 20, "overdue_amount": "1200"}),
    ("欠2万 每个月2000，逾期3天", {"balance": "20000", "min_payment": "2000", "days_overdue": 3}),
    ("招行信用卡欠4万2，最低还款10%", {"balance": "42000", "min_payment": "4200.00"}),
])
def test_every_month_with_its_own_amount_is_the_payment_and_a_share_of_the_bill_is_worked_out(text, fields):
    """Stop 30 red team: "22.5% 每月1200" read 22.5% a month; "欠2万 每月2000" swapped the balance and the minimum."""
    found = extract_loan(text)
    for field, value in fields.items():
        assert found[field] == (value if isinstance(value, int) else D(value)), field


@pytest.mark.parametrize("text, rate, minimum", [
    ("also owe my brother like 2 grand, no interest, no set payment", D(0), D(0)),
    ("欠我哥2万，不要利息，没有固定还款", D(0), D(0)),
    ("owe my mom 500, interest free", D(0), None),
    ("欠信用卡2万，收入不固定", None, None),  # an income that varies is no minimum of 0
])
def test_a_family_loan_said_to_have_no_interest_and_no_set_payment_has_both_at_zero(text, rate, minimum):
    """Stop 30 red team: "also owe my brother like 2 grand, no interest, no set payment" was asked its rate and minimum."""
    found = extract_loan(text)
    assert found.get("annual_rate") == rate and found.get("min_payment") == minimum


@pytest.mark.parametrize("text, names", [
    # stop 32 red team: 生活费 became a debt of ¥1,500 and the wizard asked what kind of loan it was
    ("我每月工资6000 房租1500 生活费1500 信用卡欠2万 网贷欠3万 每月最低要还4000 根本不够 怎么办", ["信用卡", "网贷"]),
    ("花呗3000 借呗5000 生活费2000", ["花呗", "借呗"]),
    ("rent 1200, chase 3000, discover 1500", ["chase", "discover"]),
    ("欠房东3000，信用卡2万", ["房东", "信用卡"]),  # owed to the landlord: a debt
])
def test_a_pay_rent_or_living_cost_in_a_list_of_debts_is_no_debt(text, names):
    assert [loan["name"] for loan in split_loans(text)] == names


@pytest.mark.parametrize("message, name", [
    ("and then theres the 5000 i owe my mom which she says no rush", "mom"),
    ("oh and my credit card at wells fargo has 2300 on it", "credit card at wells fargo"),
    ("信用卡那边还有8000没还，是招行的", "信用卡"),
    ("my sister who lent me 2000", "sister"),
])
def test_a_name_stops_where_the_sentence_goes_on(message, name):
    """Stop 32 note: names picked up the sentence after them ("mom which she says no rush", "…wells fargo has")."""
    assert [loan.get("name") for loan in split_loans(message)] == [name]


def test_what_is_left_after_the_rent_is_no_balance_and_i_have_is_no_name():
    """Stop 33 verification red team: "…a personal loan 3000 at 12%, only 400 left after rent" became a $400 debt named
    "only", and the card was named "i have a visa card"."""
    loans = split_loans("i have a visa card 5200 at 29.9% and a personal loan 3000 at 12%, only 400 left after rent")
    assert [(loan.get("name"), loan.get("balance")) for loan in loans] == [("visa card", D(5200)),
                                                                            ("personal loan", D(3000))]


@pytest.mark.parametrize("text, rate", [
    ("discover card 2000, 0% promo until march then 26.99%, min 40", "0.2699"),
    ("best buy card 1500, 0% for 12 months, 29.99% after, min 50", "0.2999"),
    ("分期乐借了6000，前3个月免息0%，之后年化24%，每月还600", "0.24"),
    ("capital one 3000, intro 2.9% then 24.99% apr", "0.2499"),
])
def test_a_promotional_rate_gives_way_to_the_rate_after_it(text, rate):
    """Stop 33 red team: "0% promo until march then 26.99%" planned on 0%; a plan runs for months."""
    assert extract_loan(text)["annual_rate"] == D(rate)


@pytest.mark.parametrize("text", ["分期乐借了6000，前3个月免息，之后年化24%，每月还600",
                                  "best buy card 1500, first 6 months interest free, then 29.99%, min 50"])
def test_a_promotions_months_are_no_instalment_offer(text):
    """Stop 34: "前3个月免息 … 每月还600" was read as an offer of 3 payments of 600 that cannot repay 6,000."""
    assert parse_offer(text) is None


@pytest.mark.parametrize("text", ["can a debt collector call me at 10pm in the us", "collector called at 9 p.m. about my debt",
                                  "催收晚上10点还打电话，我欠的网贷"])
def test_a_time_of_day_is_no_amount_owed(text):
    """Stop 34 red team: "…call me at 10pm" started a plan with a debt of $10."""
    assert "balance" not in extract_loan(text)


def test_a_rate_before_the_monthly_payment_is_a_year_s_and_the_payment_is_the_minimum():
    """Stop 34 red team: "upstart personal loan 6500 at 22% monthly payment 245" was 264% a year and the 245 was asked again."""
    found = extract_loan("upstart personal loan 6500 at 22% monthly payment 245, not late")
    assert (found["annual_rate"], found["min_payment"], found["balance"]) == (D("0.22"), D("245"), D("6500"))
    assert extract_loan("car loan 9000, payment 465")["min_payment"] == D("465")
    assert extract_loan("loan 6500 at 2% monthly")["annual_rate"] == D("0.24")
