"""The decline decision: features relative to the library and the off-topic reference set."""

from bot.core.answerability import Features, Thresholds, calibrate, decide, features_of
from bot.core.passages import group_by_article
from tests.support.core import hit


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


def test_the_decision_has_no_library_size_input():
    """Nothing in the features counts articles or library words: a small library decides alike."""
    assert set(Features.__dataclass_fields__) == {"top", "margin", "overlap", "words", "offtopic", "background"}


def test_calibrate_separates_the_two_sets():
    good = [(Features(0.86, 0.02, 0.6, 3, 0.82), True), (Features(0.90, 0.02, 0.2, 3, 0.84), True)]
    bad = [(Features(0.85, 0.01, 0.0, 2, 0.90), False), (Features(0.82, 0.01, 0.0, 2, 0.86), False)]
    result = calibrate(good + bad)
    assert result.answered == 1.0 and result.declined == 1.0


def test_user_language_article_is_lifted_one_place():
    hits = [hit("en.md", "x", 0.9, lang="en"), hit("zh.md", "y", 0.89, lang="zh"), hit("z2.md", "z", 0.88)]
    assert [m.article for m in group_by_article(hits, "zh")] == ["zh.md", "en.md", "z2.md"]
    assert [m.article for m in group_by_article(hits, "en")] == ["en.md", "zh.md", "z2.md"]
