"""The decline decision: features relative to the library and the off-topic reference set."""

from dataclasses import replace

import numpy as np

import pytest

from bot.core.answerability import (Decision, Features, Thresholds, asks_about_a_loan_rate, by_words, calibrate, decide,
                                   features_of, names_trouble, passage_closeness)
from bot.core.retrieval import Retriever
from bot.core.passages import group_by_article
from tests.support.core import FakeSearcher, hit


def test_features_measure_overlap_margin_and_the_gap_to_off_topic_questions():
    matches = group_by_article([hit("a.md", "逾期罚息按日计算", 0.88), hit("b.md", "别的内容", 0.80)], "zh")
    f = features_of("逾期罚息怎么算", matches, offtopic=0.83)
    assert f.top == 0.88 and round(f.margin, 2) == 0.08 and f.overlap > 0.5
    assert round(f.gap, 2) == 0.05 and f.as_dict()["gap"] == f.gap


def test_overlap_uses_the_words_the_index_stored_with_the_hit():
    stored = hit("a.md", "这段文字不会被重新分词", 0.88)
    stored = type(stored)(**{**stored.__dict__, "tokens": ("罚息", "计算")})
    f = features_of("罚息怎么计算", group_by_article([stored], "zh"))
    assert f.overlap == 1.0


def test_same_score_decided_by_which_side_is_closer():
    t = Thresholds(floor=0.78, min_gap=0.0, slack=0.02, min_overlap=0.5)
    weather = decide(Features(top=0.85, margin=0.01, overlap=0.0, words=2, offtopic=0.90), t)
    penalty = decide(Features(top=0.85, margin=0.01, overlap=0.6, words=3, offtopic=0.82), t)
    assert not weather.answer and "off-topic" in weather.reason
    assert penalty.answer and "closer to the library" in penalty.reason


def test_a_near_tie_is_answered_only_when_the_best_article_holds_the_words():
    t = Thresholds(floor=0.78, min_gap=0.0, slack=0.02, min_overlap=0.5)
    assert decide(Features(0.85, 0.0, 0.6, 3, offtopic=0.86), t).answer
    assert not decide(Features(0.85, 0.0, 0.2, 3, offtopic=0.86), t).answer
    assert not decide(Features(0.85, 0.0, 1.0, 3, offtopic=0.88), t).answer


def test_the_background_credits_a_question_that_sits_near_every_question():
    """Half of the background above 0.80 is added to the gap: a colloquial question near all short
    questions is not declined for being near the off-topic ones too; a background below 0.80 costs."""
    t = Thresholds(floor=0.78, min_gap=0.02, slack=0.0)
    colloquial = Features(0.882, 0.0, 0.5, 6, offtopic=0.883, background=0.86)
    assert round(colloquial.gap, 3) == 0.029 and decide(colloquial, t).answer
    assert "background 0.860" in decide(colloquial, t).reason
    plain = Features(0.882, 0.0, 0.5, 6, offtopic=0.860, background=0.76)
    assert round(plain.gap, 3) == 0.002 and not decide(plain, t).answer
    assert Features(0.882, 0.0, 0.5, 6, offtopic=0.860).gap == 0.882 - 0.860  # background unknown: no credit


def test_floor_and_no_reference_set():
    t = Thresholds(floor=0.80, sure=0.90)
    assert not decide(Features(0.79, 0.1, 1.0, 3, offtopic=0.5), t).answer
    assert decide(Features(0.91, 0.0, 0.0, 3), t).answer
    assert not decide(Features(0.85, 0.0, 1.0, 3), t).answer


def test_the_library_side_is_the_mean_of_chunk_sentence_and_lead():
    """A good question sits near one sentence and near an article's title + summary, not only near a
    500-character chunk: the library side of the gap averages the three closeness measures it knows."""
    question = np.array([1.0, 0.0, 0.0])
    near = np.array([[0.0, 1.0, 0.0], [0.96, 0.28, 0.0]], dtype=np.float32)  # the 2nd sentence answers
    chunk = replace(hit("a.md", "两句话", 0.86), sentence_vectors=near, lead_vector=np.array([0.9, 0.0, 0.43589]))
    other = replace(hit("b.md", "别的", 0.80), sentence_vectors=np.array([[0.5, 0.866, 0.0]]))
    matches = group_by_article([chunk, other], "zh")
    sentence, lead = passage_closeness(question * 3, matches)  # any length: the question is normalised
    assert round(sentence, 3) == 0.96 and round(lead, 3) == 0.9
    f = features_of("罚息", matches, offtopic=0.88, vector=question)
    assert (round(f.sentence, 3), round(f.lead, 3)) == (0.96, 0.9)
    assert round(f.library, 3) == round((0.86 + 0.96 + 0.9) / 3, 3) and round(f.gap, 3) == round(f.library - 0.88, 3)
    # the chunk alone (0.86) is further than the off-topic phrases (0.88); the sentence and lead rescue it
    assert decide(f, Thresholds(floor=0.75, min_gap=0.015, slack=0.0)).answer
    assert not decide(replace(f, sentence=None, lead=None), Thresholds(floor=0.75, min_gap=0.015, slack=0.0)).answer


def test_without_stored_vectors_the_chunk_alone_is_the_library_side():
    matches = group_by_article([hit("a.md", "x", 0.88)], "zh")
    assert passage_closeness(np.array([1.0, 0.0]), matches) == (None, None)
    assert passage_closeness(None, matches) == (None, None)
    f = features_of("x", matches, offtopic=0.85, vector=np.array([1.0, 0.0]))
    assert f.library == 0.88 and round(f.gap, 3) == 0.03


def test_the_decision_has_no_library_size_input():
    """Nothing in the features counts articles or library words: a small library decides alike."""
    assert set(Features.__dataclass_fields__) == {"top", "margin", "overlap", "words", "offtopic", "background",
                                                  "sentence", "lead"}


def test_calibrate_separates_the_two_sets():
    good = [(Features(0.86, 0.02, 0.6, 3, 0.82), True), (Features(0.90, 0.02, 0.2, 3, 0.84), True)]
    bad = [(Features(0.85, 0.01, 0.0, 2, 0.90), False), (Features(0.82, 0.01, 0.0, 2, 0.86), False)]
    result = calibrate(good + bad)
    assert result.answered == 1.0 and result.declined == 1.0


def test_user_language_article_is_lifted_one_place():
    hits = [hit("en.md", "x", 0.9, lang="en"), hit("zh.md", "y", 0.89, lang="zh"), hit("z2.md", "z", 0.88)]
    assert [m.article for m in group_by_article(hits, "zh")] == ["zh.md", "en.md", "z2.md"]
    assert [m.article for m in group_by_article(hits, "en")] == ["en.md", "zh.md", "z2.md"]


@pytest.mark.parametrize("question", [
    "年化36%合法吗", "利率多少算高利贷", "月利率3%超过法律保护了吗", "日利率0.03%正常吗", "利息24%算高利贷吗",
    "2% a month legal?", "what interest rate is too high for a loan", "my loan charges 2% a month, is that legal?",
    "title loan at 25% a month normal??", "朋友借我钱要三分利 这个受法律保护吗",
    "whats the max interest a lender can legally charge on a personal loan",
    # stop 24 red team: missed wordings
    "年利率百分之三十六受保护吗", "3 percent monthly thats insane right??", "网贷月息3%是不是太离谱了",
])
def test_a_question_whether_a_loans_rate_is_legal_or_normal_is_recognised(question):
    assert asks_about_a_loan_rate(question)


@pytest.mark.parametrize("question", [
    "房贷利率4.2%高吗", "存款利率2%正常吗", "余额宝年化2%正常吗", "理财产品年化6%合法吗", "mortgage 6.5% APR good?",
    "savings account 4% is that good", "基金年化8%靠谱吗",
    "网贷逾期会影响征信吗", "is it legal for collectors to call my mother",  # no rate named
    # a percent asked about in the same words that is no loan's rate
    "房东说明年房租要涨15% 这合法吗", "公司今年给涨薪3% 算正常吗", "个人所得税最高税率45% 是不是太高了",
    "landlord raising rent 12% this year is that even legal", "is a 3% raise normal this year",
    "airport currency exchange took like 8% on my euros is that a ripoff", "增额终身寿险说复利3% 高不高",
    "公司的经营贷年化5%高不高", "my LLC got a business loan at 12% is that too high",  # not a consumer's loan
    "my savings account pays 4% monthly is that crazy", "rent went up 3% monthly that is insane",
])
def test_other_finance_rates_and_questions_without_a_rate_are_not(question):
    assert not asks_about_a_loan_rate(question)


def test_a_loan_rate_question_at_the_boundary_is_answered_other_finance_stays_declined():
    # without an off-topic reference set the rule is `sure`: 0.80 would be declined
    searcher = FakeSearcher(default=[hit("borrowing/interest-cap-zh.md", "民间借贷利率超过LPR 4倍的部分不受保护", 0.80)])
    retriever = Retriever(searcher, thresholds=Thresholds(floor=0.75, sure=0.88))
    found = retriever.retrieve("年化36%合法吗", "zh")
    assert found.decision.answer and "legal or normal" in found.decision.reason
    assert not retriever.retrieve("房贷利率4.2%合法吗", "zh").decision.answer
    assert not retriever.retrieve("今天天气怎么样", "zh").decision.answer
    low = Retriever(FakeSearcher(default=[hit("borrowing/interest-cap-zh.md", "利率", 0.70)]),
                    thresholds=Thresholds(floor=0.75, sure=0.88))
    assert not low.retrieve("年化36%合法吗", "zh").decision.answer  # below the floor nothing is answered


def _declined_at(gap, top=0.86):
    """A decline by meaning whose gap is `gap` (min_gap 0.015)."""
    features = Features(top, 0.01, 0.5, 5, offtopic=top - gap + 0.5 * 0.0, background=0.8)
    return Decision(False, "not clearly closer", features)


def test_a_near_tie_that_names_a_borrowers_trouble_is_answered_one_that_names_a_product_is_not():
    t = Thresholds(floor=0.75, min_gap=0.015)
    assert names_trouble("forgot to pay my personal loan last week, am i screwed??")
    assert names_trouble("银行一直打电话，因为我给我哥的贷款做了担保")
    assert not names_trouble("哪个信用卡积分换里程最划算") and not names_trouble("how do i open a bank account in china")
    assert not names_trouble("房贷逾期了怎么办")  # other finance stays with the rule by meaning
    decision = _declined_at(0.012)
    assert abs(decision.features.gap - 0.012) < 1e-9
    assert by_words("forgot to pay my personal loan last week, am i screwed??", decision, t).answer
    assert not by_words("哪个信用卡积分换里程最划算", decision, t).answer
    assert by_words("forgot to pay my personal loan last week", _declined_at(0.001), t).answer  # closer to the library
    assert not by_words("forgot to pay my personal loan last week", _declined_at(-0.002), t).answer  # closer to off-topic
    assert not by_words("forgot to pay my personal loan", _declined_at(0.012, top=0.70), t).answer  # below floor


@pytest.mark.parametrize("question, text, absent", [
    # stop 32 red team: answered from the jail article and from the article on talking to one's family
    ("Should I file for bankruptcy? I owe 38k in credit cards", "Being unable to pay is a civil matter in China.", "bankruptcy"),
    ("父母去世了留下网贷欠款 子女要还吗", "跟家人开口：这是你自己的借款，你会自己处理。", "a debt left by someone who died"),
    ("What is the statute of limitations on credit card debt in Texas?", "Maria's mother starts getting calls at 9:40 p.m.",
     "a statute of limitations"),
    ("can they garnish my wages", "Collectors may not call before 8 a.m.", "wage garnishment"),
    ("im 2 payments behind on my car loan, when can they repo it", "One missed payment is usually fixable.", "repossession"),
    # the article names it: answered
    ("深圳个人破产能申请吗", "深圳的个人破产条例允许……", None),
    ("what happens to my card debt if my dad passed away", "When a cardholder passed away, the estate pays first.", None),
    # no such subject asked
    ("逾期记录要多久才能消", "不良信息保存5年。", None),
])
def test_a_subject_the_best_article_never_names_is_declined(question, text, absent):
    from bot.core.answerability import absent_subject

    (match,) = group_by_article([hit("x.md", text, 0.9, title="标题")], "zh")
    assert absent_subject(question, match) == absent
