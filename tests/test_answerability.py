"""The decline decision: features and thresholds."""

from bot.core.answerability import Features, Thresholds, calibrate, decide, features_of
from bot.core.passages import group_by_article
from tests.support.core import hit


def test_features_measure_overlap_margin_and_domain_words():
    matches = group_by_article([hit("a.md", "逾期罚息按日计算", 0.88), hit("b.md", "别的内容", 0.80)], "zh")
    f = features_of("逾期罚息怎么算", matches)
    assert f.top == 0.88 and round(f.margin, 2) == 0.08 and f.domain == 2 and f.overlap > 0.5


def test_same_score_different_words_different_decision():
    t = Thresholds(floor=0.80, sure=0.90)
    weather = decide(Features(top=0.85, margin=0.01, overlap=0.0, domain=0, words=2), t)
    penalty = decide(Features(top=0.85, margin=0.01, overlap=0.6, domain=2, words=3), t)
    assert not weather.answer and penalty.answer and "domain" in penalty.reason


def test_floor_and_sure():
    t = Thresholds(floor=0.80, sure=0.90)
    assert not decide(Features(0.79, 0.1, 1.0, 3, 3), t).answer
    assert decide(Features(0.91, 0.0, 0.0, 0, 3), t).answer


def test_calibrate_separates_the_two_sets():
    good = [(Features(0.86, 0.02, 0.6, 2, 3), True), (Features(0.90, 0.02, 0.2, 0, 3), True)]
    bad = [(Features(0.85, 0.01, 0.0, 0, 2), False), (Features(0.82, 0.01, 0.0, 1, 2), False)]
    result = calibrate(good + bad)
    assert result.answered == 1.0 and result.declined == 1.0


def test_user_language_article_is_lifted_one_place():
    hits = [hit("en.md", "x", 0.9, lang="en"), hit("zh.md", "y", 0.89, lang="zh"), hit("z2.md", "z", 0.88)]
    assert [m.article for m in group_by_article(hits, "zh")] == ["zh.md", "en.md", "z2.md"]
    assert [m.article for m in group_by_article(hits, "en")] == ["en.md", "zh.md", "z2.md"]
