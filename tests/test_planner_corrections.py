"""One vocabulary of taking a value back, for the budget reader, the correction of an answer given and the wizard's step
reader: a word any one of them knows, each of them knows (it was written three times, and "打错了", "oops" or "我是说"
worked in one place and not another: stop 29 review)."""

from __future__ import annotations

import re
from decimal import Decimal as D

import pytest

from bot.planner.budget_text import read_budget
from bot.planner.corrections import HOLD_ON_ZH, SAID_WRONG_ZH, TAKE_BACK_EN
from bot.planner.extraction import parse_said_wrong


@pytest.mark.parametrize("word", SAID_WRONG_ZH.split("|"))
def test_every_chinese_said_wrong_word_corrects_an_income_and_an_answer(word):
    assert read_budget(f"工资5500，{word}，是5300", "monthly_income") == {"monthly_income": D("5300")}
    assert parse_said_wrong(f"{word}，是2800") == (None, "2800")


@pytest.mark.parametrize("word", TAKE_BACK_EN.split("|"))
def test_every_english_take_back_word_corrects_an_income(word):
    assert read_budget(f"income 3200 {word} its 3020", "monthly_income") == {"monthly_income": D("3020")}


def test_waiting_for_next_months_pay_is_no_correction():
    hold_on = re.compile(HOLD_ON_ZH)
    assert hold_on.search("等下，是5300") and hold_on.search("等一下 5300")
    assert not hold_on.search("等下个月发工资再还3000") and not hold_on.search("等下周再说")
    assert parse_said_wrong("等下个月发工资再还3000") is None
