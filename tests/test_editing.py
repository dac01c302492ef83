"""The editors' texts over the live library: /try flags a stale source, the digest lists gaps and stale articles."""

import shutil
from datetime import date
from pathlib import Path

from bot.core.answerability import Decision, Features
from bot.core.assistant import Retrieval
from bot.core.messages import Hit, Reply, Source
from bot.core.ports import Exchange
from bot.editing import EditorsTexts
from bot.library.desk import EditorDesk
from bot.library.uploads import MB
from bot.search.store import open_collection
from tests.support.embedders import FakeEmbedder

LIBRARY = Path(__file__).parent / "data" / "library"
CREDIT = "credit/overdue-credit-report.md"  # updated: 2025-06-20


class Assistant:
    def __init__(self):
        self.asked = []
        self.searcher = self

    def preview(self, question, language):
        self.asked.append((question, language))
        features = Features(0.93, 0.05, 1.0, 3, 0.85)
        found = Retrieval(question, [], Decision(True, "top score 0.930 at or above 0.89", features))
        return found, Reply("保存五年。", language, kind="answer", sources=[Source(CREDIT, "征信")])

    def search(self, query, k):
        return [Hit(CREDIT, "征信", "", "x", 0.8)]


class History:
    def since(self, when):
        return [Exchange("u1", "公积金能取吗", kind="decline"), Exchange("u2", "信用卡逾期", kind="answer")]


def _texts(settings, today):
    shutil.copytree(LIBRARY, settings.knowledge_dir)
    embedder = FakeEmbedder()
    desk = EditorDesk(settings.knowledge_dir, open_collection(settings, embedder), embedder, max_bytes=MB)
    assistant = Assistant()
    return EditorsTexts(settings, desk, assistant, History(), embedder, today=lambda: today), assistant


def test_try_names_a_stale_source_only_when_it_is_stale(settings):
    texts, assistant = _texts(settings, date(2026, 12, 1))
    report = texts.try_question("How long does it stay?")
    assert assistant.asked == [("How long does it stay?", "en")]
    assert f"⏳ {CREDIT}: updated 2025-06-20 (529 days ago, limit 365)" in report
    texts.today = lambda: date(2025, 7, 1)
    assert "stale" not in texts.try_question("逾期多久上征信")
    assert assistant.asked[-1] == ("逾期多久上征信", "zh")


def test_the_digest_has_the_week_s_gaps_and_the_stale_articles(settings):
    texts, _ = _texts(settings, date(2026, 12, 1))
    digest = texts.digest()
    assert "📋 Content gaps, last 7 days (1 questions, 1 groups):" in digest
    assert "• 公积金能取吗" in digest and f"closest: {CREDIT} (0.80)" in digest
    assert f"• {CREDIT} — 逾期会影响征信吗？会留多久？: updated 2025-06-20" in digest
    assert texts.gaps(30).startswith("📋 Content gaps, last 30 days")
