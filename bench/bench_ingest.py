"""`make bench-ingest`: ingest throughput against the bare embedder, and the cost of a no-op run.

Generates a library of N articles (default 1,000, about one 300-500 character chunk each) in a
temporary folder, then prints:
- chunks/s of a full ingest (parse, clean, chunk, embed, store) and of the bare embedder on the
  very same chunk texts; their ratio is the pipeline's overhead (aim: 0.9 or better). The machine
  is shared, so the library is ingested in rounds, each followed by the bare embedder on that
  round's chunks: load that drifts over minutes then hits both sides alike. The share of the
  ingest spent inside the embedder is printed too: it does not depend on load drift at all;
- the time of a no-op re-ingest and how many chunks it embedded (aim: under 2 s, zero).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import shutil
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.library.articles import load_articles  # noqa: E402
from bot.library.chunking import split_article  # noqa: E402
from bot.core.ports import Embedder  # noqa: E402
from bot.search.embedders import build_embedder  # noqa: E402
from bot.library.ingestion import sync  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.search.store import open_collection  # noqa: E402

ZH = [
    "逾期之后，银行一般会先通过短信和电话提醒还款。",
    "逾期记录会报送到人民银行征信系统，还清后保留五年。",
    "罚息通常按合同利率上浮百分之三十到五十计算，以合同为准。",
    "如果确实还不上，可以主动联系贷款机构协商分期或延期。",
    "信用卡持卡人在困难时可以申请个性化分期，最长五年。",
    "催收人员不得向通讯录里的亲友透露你的欠款信息。",
    "遇到威胁人身安全的催收，应当立即报警。",
    "每年可以免费查询两次本人的信用报告。",
]
EN = [
    "A payment is usually reported late only once it is thirty days past due.",
    "Most late payments can stay on a credit report for up to seven years.",
    "Debt collectors may not call before 8 a.m. or after 9 p.m. local time.",
    "You can ask a collector to validate the debt in writing.",
    "Call your lender before the due date and ask about a hardship plan.",
    "Keep a written record of every call and letter about the debt.",
]


def generate_library(folder: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    for i in range(count):
        zh = i % 3 != 2
        pool, lo, hi = (ZH, 300, 480) if zh else (EN, 300, 480)
        body: list[str] = []
        while sum(len(s) for s in body) < rng.randint(lo, hi):
            body.append(rng.choice(pool))
        title = f"逾期问题 {i}" if zh else f"Late payment question {i}"
        text = ("" if zh else " ").join(body) + (f"（第{i}篇）" if zh else f" (article {i})")
        path = folder / f"theme{i % 10}" / f"article-{i:04d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"---\ntitle: {title}\ntags: [bench]\nsources: [generated]\njurisdiction: {'CN' if zh else 'US'}\n---\n\n{text}\n",
            encoding="utf-8",
        )


class Counting:
    """Wraps an embedder and counts the passages it embeds."""

    def __init__(self, inner: Embedder):
        self.inner = inner
        self.name, self.dim = inner.name, inner.dim
        self.passages = 0
        self.seconds = 0.0

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        self.passages += len(texts)
        started = time.perf_counter()
        try:
            return self.inner.embed_passages(texts)
        finally:
            self.seconds += time.perf_counter() - started

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="how many articles to generate (default 1000)")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved ingest/bare rounds (default 5)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        base = Settings()
        settings = base.model_copy(update={"data_dir": Path(tmp) / "data", "knowledge_dir": Path(tmp) / "knowledge",
                                           "chroma_host": None})
        staging = Path(tmp) / "generated"
        generate_library(staging, args.articles)
        files = sorted(staging.rglob("*.md"))
        settings.knowledge_dir.mkdir(parents=True)
        embedder = Counting(build_embedder(settings))
        embedder.embed_passages(["warm-up: load the model before timing"])
        embedder.passages, embedder.seconds = 0, 0.0
        print(f"library: {args.articles} generated articles, {args.rounds} rounds; embedder {embedder.name}")

        collection = open_collection(settings, embedder)
        ingest_seconds = bare_seconds = 0.0
        ingested = bare_chunks = rejected = 0
        per_round = -(-len(files) // args.rounds)
        for start in range(0, len(files), per_round):
            batch = files[start:start + per_round]
            for path in batch:
                target = settings.knowledge_dir / path.relative_to(staging)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(path, target)
            report = sync(collection, embedder, settings.knowledge_dir)
            ingest_seconds += report.seconds
            ingested += report.embedded_chunks
            rejected += len(report.rejected)
            articles, _ = load_articles(staging)
            added = set(report.added)
            texts = [c.embed_text for a in articles if a.id in added for c in split_article(a)]
            started = time.perf_counter()
            for offset in range(0, len(texts), 64):  # the batches the pipeline uses
                embedder.inner.embed_passages(texts[offset:offset + 64])
            bare_seconds += time.perf_counter() - started
            bare_chunks += len(texts)
        full_rate = ingested / ingest_seconds
        bare_rate = bare_chunks / bare_seconds
        print(f"full ingest:    {ingested} chunks in {ingest_seconds:7.1f} s = {full_rate:6.2f} chunks/s"
              f"  (rejected: {rejected})")
        print(f"bare embedder:  {bare_chunks} chunks in {bare_seconds:7.1f} s = {bare_rate:6.2f} chunks/s")
        print(f"ratio (pipeline / bare): {full_rate / bare_rate:.3f}  (aim: >= 0.9)")
        print(f"share of the ingest spent in the embedder: {embedder.seconds / ingest_seconds:.3f} "
              f"(pipeline's own work: {ingest_seconds - embedder.seconds:.1f} s for {ingested} chunks)")

        embedder.passages = 0
        noop = sync(open_collection(settings, embedder), embedder, settings.knowledge_dir)
        print(f"no-op re-ingest: {noop.seconds:.3f} s, {embedder.passages} chunks embedded, "
              f"{noop.unchanged} articles unchanged  (aim: < 2 s, 0 embedded)")
        ok = noop.seconds < 2 and embedder.passages == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
