"""The editors' texts: /try's numbers and stale warning, /gaps, the weekly digest, /articles."""

from datetime import date

from bot.core.answerability import Decision, Features, decide
from bot.core.assistant import Retrieval
from bot.core.messages import Hit, Reply
from bot.core.passages import ArticleMatch
from bot.library.articles import Article
from bot.library.gaps import GapGroup
from bot.library.reports import articles_report, digest, gaps_report, trial_report
from bot.library.staleness import StaleArticle, stale_articles

TODAY = date(2026, 12, 1)


def _article(article_id, updated=None, valid_until=None, tags=()):
    return Article(article_id, f"title of {article_id}", "zh", "body", tags=tags, updated=updated,
                   valid_until=valid_until)


def test_stale_articles_expired_rules_first_then_oldest():
    articles = [_article("a.md", date(2025, 1, 1)), _article("b.md", date(2026, 11, 1)),
                _article("c.md", date(2026, 11, 1), valid_until=date(2026, 11, 30)), _article("d.md"),
                _article("e.md", date(2025, 12, 1)), _article("f.md", date(2025, 11, 30))]
    stale = stale_articles(articles, TODAY, 365)
    assert [s.id for s in stale] == ["c.md", "a.md", "f.md"], "365 days old exactly is not stale yet"
    assert stale[0].reason == "valid_until 2026-11-30 has passed"
    assert stale[1].reason == "updated 2025-01-01 (699 days ago, limit 365)"


def test_trial_report_shows_scores_the_decision_s_numbers_stale_sources_and_the_reply():
    hits = [Hit("credit/a.md", "征信多久", "", "五年", 0.912, "zh"), Hit("overdue/b.md", "罚息", "", "x", 0.85, "zh")]
    matches = [ArticleMatch("credit/a.md", "征信多久", "zh", 0.912, hits[:1]),
               ArticleMatch("overdue/b.md", "罚息", "zh", 0.85, hits[1:])]
    features = Features(top=0.912, margin=0.062, overlap=0.75, words=4, offtopic=0.85)
    found = Retrieval("征信 多久", matches, Decision(True, "top score 0.912 at or above 0.89", features))
    stale = [StaleArticle("credit/a.md", "征信多久", "updated 2025-01-01 (699 days ago, limit 365)")]
    text = trial_report("征信多久", found, Reply("保存五年。", kind="answer"), stale)
    assert "searched as: 征信 多久" in text
    assert "  1. 0.912  credit/a.md — 征信多久 [zh] (1 chunk)" in text
    assert "Decision: ANSWER: top score 0.912 at or above 0.89" in text
    assert "top 0.912, margin 0.062, overlap 0.75, content words 4, off-topic similarity 0.850 (gap +0.062)" in text
    assert "⚠️ The answer relies on stale content:\n  ⏳ credit/a.md: updated 2025-01-01" in text
    assert text.endswith("— The bot would reply (answer) —\n保存五年。")
    with_passages = Features(top=0.85, margin=0.062, overlap=0.75, words=4, offtopic=0.87, sentence=0.92, lead=0.89)
    decision = decide(with_passages)
    text = trial_report("征信多久", Retrieval("征信多久", matches, decision), Reply("保存五年。", kind="answer"), [])
    # an editor sees every number the gap is made of
    assert "top 0.850, sentence 0.920, lead 0.890, margin 0.062" in text and "(gap +0.017)" in text
    assert "library 0.887 = mean of top 0.850, sentence 0.920, lead 0.890; off-topic 0.870" in decision.reason


def test_gaps_and_the_weekly_digest():
    group = GapGroup(["公积金能取吗", "公积金怎么取"], {"declined": 2}, "credit/a.md", "征信多久", 0.81)
    assert gaps_report([], 7) == "No unanswered questions in the last 7 days. 🎉"
    text = digest([group], [StaleArticle("a.md", "A", "valid_until 2026-11-30 has passed")], 7, 365)
    assert text.startswith("🗓 Weekly editors' digest")
    assert "1. ×2 (declined 2)\n   • 公积金能取吗\n   • 公积金怎么取\n   closest: credit/a.md (0.81)" in text
    assert "⏳ Stale articles (1)" in text and "• a.md — A: valid_until 2026-11-30 has passed" in text


def test_articles_list_with_dates():
    text = articles_report([_article("a.md", date(2026, 1, 2)), _article("b.md")], None)
    assert text.splitlines() == ["📚 2 articles (newest first):", "• a.md — title of a.md (updated 2026-01-02)",
                                 "• b.md — title of b.md (updated —)"]
    assert articles_report([], "fees") == "No articles tagged 'fees'."
