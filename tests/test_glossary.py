"""The glossary translates a question's key terms into the other language."""

import pytest

from bot.core.glossary import translate_terms


@pytest.mark.parametrize("text,language,expected", [
    ("美国的信用报告上逾期记录会保留几年", "zh", {"US", "credit report", "late payment"}),
    ("在美国催收几点以后不能打电话", "zh", {"US", "debt collector"}),
    ("a collector keeps calling my mum, is that legal?", "en", {"催收", "家人"}),
    ("the loan app took a fee out before paying me", "en", {"砍头息", "网贷"}),
])
def test_terms_are_translated(text, language, expected):
    translated = translate_terms(text, language)
    assert all(term in translated for term in expected), translated


@pytest.mark.parametrize("text,language", [("明天天气怎么样", "zh"), ("write me a poem", "en"), ("逾期了", "zh")])
def test_fewer_than_two_terms_give_nothing(text, language):
    assert translate_terms(text, language) == ""
