"""Incremental sync: add, change, delete, no-op, rejected files, and runs interrupted half-way."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from bot.core.extractive import split_sentences
from bot.library.chunking import split_article
from bot.library.sentences import lead_text
from bot.search.vectors import unpack
from bot.library.ingestion import IngestError, chunk_id, read_manifest, sync
from bot.library.articles import load_articles
from bot.search.store import open_collection
from tests.support.embedders import FailingEmbedder, FakeEmbedder, Interrupted

IDS = ["collection/harassment.md", "credit/overdue-credit-report.md", "overdue/penalty-interest.md",
       "us/debt-collectors.md"]
CREDIT = "credit/overdue-credit-report.md"


@pytest.fixture
def embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture
def collection(settings, embedder):
    return open_collection(settings, embedder)


def _expected_chunks(library: Path) -> dict[str, list]:
    articles, rejected = load_articles(library)
    assert not rejected
    return {a.id: split_article(a) for a in articles}


def _stored(collection) -> dict[str, dict]:
    got = collection.get(include=["metadatas", "documents"])
    return {cid: {"meta": m, "doc": d} for cid, m, d in zip(got["ids"], got["metadatas"], got["documents"])}


def _edit(library: Path, article: str, old: str, new: str) -> None:
    path = library / article
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_first_run_adds_every_article_with_deterministic_ids(collection, embedder, library):
    report = sync(collection, embedder, library, sentence_vectors=False)
    expected = _expected_chunks(library)
    assert report.added == IDS and report.updated == report.removed == [] and report.rejected == []
    assert report.articles == 4 and report.unchanged == 0
    assert report.chunks == report.embedded_chunks == sum(len(c) for c in expected.values()) == collection.count()
    stored = _stored(collection)
    for article, chunks in expected.items():
        for chunk in chunks:
            cid = chunk_id(article, chunk.metadata["hash"], chunk.position, len(chunks))
            assert re.fullmatch(rf"{re.escape(article)}::[0-9a-f]{{12}}::{chunk.position}/{len(chunks)}", cid)
            assert stored[cid]["meta"] == chunk.metadata
            assert stored[cid]["doc"] == chunk.text
    assert sorted(embedder.embedded) == sorted(c.embed_text for cs in expected.values() for c in cs)


def test_sentences_are_embedded_with_their_chunks_and_only_for_changed_articles(collection, embedder, library):
    sync(collection, embedder, library)
    stored = _stored(collection)
    chunk = next(v for k, v in stored.items() if k.startswith(CREDIT))
    sentences = json.loads(chunk["meta"]["sentences"])
    assert sentences == split_sentences(chunk["doc"]) and sentences
    assert unpack(chunk["meta"]["sentence_vectors"], embedder.dim).shape == (len(sentences), embedder.dim)
    assert unpack(chunk["meta"]["lead_vector"], embedder.dim).shape == (1, embedder.dim)
    # Each sentence is embedded under the heading or question above it.
    assert all(any(text.endswith("\n" + s) or text == s for text in embedder.embedded) for s in sentences)
    _edit(library, CREDIT, "每年可以免费查询两次", "每年可以在人民银行征信中心免费查询两次")
    counting = FakeEmbedder()
    sync(collection, counting, library)
    credit_sentences = {s for v in _stored(collection).values() if v["meta"]["article"] == CREDIT
                        for s in json.loads(v["meta"]["sentences"])}
    chunk_texts = {c.embed_text for c in _expected_chunks(library)[CREDIT]}
    rest = set(counting.embedded) - chunk_texts - {lead_text(chunk["meta"]["title"], chunk["meta"]["summary"])}
    assert rest and {text.rsplit("\n", 1)[-1] for text in rest} == credit_sentences


def test_second_run_embeds_nothing(collection, embedder, library, settings):
    sync(collection, embedder, library)
    counting = FakeEmbedder()
    report = sync(open_collection(settings, counting), counting, library)
    assert counting.passage_calls == []
    assert report.embedded_chunks == 0 and report.unchanged == 4
    assert report.added == report.updated == report.removed == []
    assert report.to_json()["chunks"] == collection.count()


def test_editing_one_article_re_embeds_only_its_chunks(collection, embedder, library):
    sync(collection, embedder, library, sentence_vectors=False)
    before = _stored(collection)
    _edit(library, CREDIT, "每年可以免费查询两次", "每年可以在人民银行征信中心免费查询两次")
    counting = FakeEmbedder()
    report = sync(collection, counting, library, sentence_vectors=False)
    new_chunks = _expected_chunks(library)[CREDIT]
    assert report.updated == [CREDIT] and report.unchanged == 3 and report.added == []
    assert counting.embedded == [c.embed_text for c in new_chunks]
    after = _stored(collection)
    assert {m["meta"]["hash"] for m in after.values() if m["meta"]["article"] == CREDIT} == {new_chunks[0].metadata["hash"]}
    assert {k: v for k, v in after.items() if not k.startswith(CREDIT)} == {
        k: v for k, v in before.items() if not k.startswith(CREDIT)
    }
    assert any("人民银行征信中心" in v["doc"] for v in after.values())


def test_deleting_an_article_removes_its_chunks(collection, embedder, library):
    sync(collection, embedder, library)
    (library / "overdue" / "penalty-interest.md").unlink()
    report = sync(collection, FakeEmbedder(), library)
    assert report.removed == ["overdue/penalty-interest.md"] and report.embedded_chunks == 0
    assert "overdue/penalty-interest.md" not in read_manifest(collection)
    assert {m["meta"]["article"] for m in _stored(collection).values()} == set(IDS) - {"overdue/penalty-interest.md"}


def test_broken_edit_is_rejected_and_the_last_good_version_stays(collection, embedder, library):
    sync(collection, embedder, library)
    good = {k: v for k, v in _stored(collection).items() if k.startswith(CREDIT)}
    (library / CREDIT).write_text("---\ntitle: [oops\n---\n正文\n", encoding="utf-8")
    (library / "new-broken.md").write_bytes(b"\xff\xfe\x00binary")
    report = sync(collection, FakeEmbedder(), library)
    assert [(e.file, e.reason.split(" (")[0].split(":")[0]) for e in report.rejected] == [
        (CREDIT, "invalid YAML in front matter at line 2"),
        ("new-broken.md", "binary file"),
    ]
    assert report.removed == [] and report.unchanged == 3 and report.articles == 3
    assert {k: v for k, v in _stored(collection).items() if k.startswith(CREDIT)} == good
    assert "new-broken.md" not in read_manifest(collection)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("missing-title.md", b"---\ntags: [a]\n---\nbody\n", "missing title"),
        ("gbk.md", "---\ntitle: 标题\n---\n正文\n".encode("gbk"), "not UTF-8"),
        ("empty.md", b"---\ntitle: T\n---\n", "empty body"),
        ("bad-yaml.md", b"---\ntitle: a: b: c\n---\nbody\n", "invalid YAML"),
    ],
)
def test_each_bad_file_is_reported_and_the_rest_ingested(collection, embedder, library, name, content, reason):
    (library / name).write_bytes(content)
    report = sync(collection, embedder, library)
    assert [e.file for e in report.rejected] == [name] and reason in report.rejected[0].reason
    assert report.added == IDS


def test_case_twins_keep_their_stored_version(collection, embedder, library):
    sync(collection, embedder, library)
    shutil.copy(library / CREDIT, library / "credit" / "Overdue-Credit-Report.md")
    report = sync(collection, FakeEmbedder(), library)
    assert {e.file for e in report.rejected} == {CREDIT, "credit/Overdue-Credit-Report.md"}
    assert report.removed == [] and CREDIT in read_manifest(collection)


def test_interrupted_run_is_repaired_without_duplicates_or_half_articles(collection, embedder, library, settings):
    sync(collection, embedder, library, sentence_vectors=False)
    old = _stored(collection)
    # Change every article, then "kill" the run after 3 chunks (batches of 2 cross article borders).
    for article in IDS:
        _edit(library, article, "\n---\n", "\nupdated: 2025-07-01\n---\n")
    dying = FailingEmbedder(allowed=3)
    with pytest.raises(Interrupted):
        sync(collection, dying, library, batch_size=2, sentence_vectors=False)
    expected = _expected_chunks(library)
    manifest = read_manifest(collection)
    half_done = 0
    for article in IDS:  # each article: its complete old version, or (finished) only its new one
        old_hash = next(v["meta"]["hash"] for v in old.values() if v["meta"]["article"] == article)
        new_hash = expected[article][0].metadata["hash"]
        stored = manifest[article]
        if stored.complete(new_hash):
            assert set(stored.versions) == {new_hash}
        else:
            assert stored.complete(old_hash)
            half_done += new_hash in stored.versions
    assert half_done == 1  # the kill left one article with part of its new version beside the old

    repair = FakeEmbedder()
    report = sync(collection, repair, library, batch_size=2, sentence_vectors=False)
    total = sum(len(c) for c in expected.values())
    assert report.embedded_chunks == total - len(dying.embedded)  # only what was missing
    assert sorted(report.updated) == IDS[1:] and report.unchanged == 1  # harassment.md finished before the kill
    stored = _stored(collection)
    assert len(stored) == total == collection.count()
    for article, chunks in expected.items():
        mine = [v for v in stored.values() if v["meta"]["article"] == article]
        assert {v["meta"]["hash"] for v in mine} == {chunks[0].metadata["hash"]}
        assert sorted(v["meta"]["position"] for v in mine) == list(range(len(chunks)))
    assert sync(collection, FakeEmbedder(), library, sentence_vectors=False).embedded_chunks == 0


def test_a_store_ingested_without_sentence_vectors_gets_them_once(collection, embedder, library):
    sync(collection, embedder, library, sentence_vectors=False)
    report = sync(collection, FakeEmbedder(), library)
    assert report.updated == IDS and report.embedded_chunks == report.chunks
    assert all("sentence_vectors" in v["meta"] for v in _stored(collection).values())
    assert sync(collection, FakeEmbedder(), library).embedded_chunks == 0


class _DeleteFails:
    """A collection whose deletes fail: the process dies between upserting and retiring a version."""

    def __init__(self, inner):
        self._inner = inner

    def __getattr__(self, name):
        return getattr(self._inner, name)

    def delete(self, **kwargs):
        raise Interrupted("killed before the old version was deleted")


def test_run_killed_between_upsert_and_delete_is_repaired_with_no_embedding(collection, embedder, library):
    sync(collection, embedder, library)
    _edit(library, CREDIT, "骗局", "骗局，请报警")
    with pytest.raises(Interrupted):
        sync(_DeleteFails(collection), FakeEmbedder(), library)
    assert len(read_manifest(collection)[CREDIT].versions) == 2  # both versions, each complete
    counting = FakeEmbedder()
    report = sync(collection, counting, library)
    assert counting.passage_calls == [] and report.updated == [CREDIT]
    assert len(read_manifest(collection)[CREDIT].versions) == 1


def test_dry_run_reports_and_writes_nothing(collection, embedder, library):
    report = sync(collection, embedder, library, dry_run=True)
    assert report.added == IDS and report.embedded_chunks == 0 and embedder.passage_calls == []
    assert collection.count() == 0


def test_progress_reports_embedded_chunks(collection, embedder, library):
    seen: list[tuple[int, int]] = []
    report = sync(collection, embedder, library, progress=lambda done, total: seen.append((done, total)), batch_size=3)
    assert seen[0] == (0, report.embedded_chunks) and seen[-1] == (report.embedded_chunks, report.embedded_chunks)


def test_missing_folder_and_empty_folder_are_refused(collection, embedder, library, tmp_path):
    with pytest.raises(IngestError, match="does not exist"):
        sync(collection, embedder, tmp_path / "nope")
    sync(collection, embedder, library)
    (tmp_path / "empty").mkdir()
    with pytest.raises(IngestError, match="refusing to empty the store"):
        sync(collection, embedder, tmp_path / "empty")
    assert collection.count() > 0


def test_a_file_replaced_by_a_link_outside_is_rejected_and_its_chunks_removed(collection, embedder, library, tmp_path):
    sync(collection, embedder, library)
    outside = tmp_path / "elsewhere.md"
    shutil.copy(library / CREDIT, outside)
    (library / CREDIT).unlink()
    (library / CREDIT).symlink_to(outside)
    report = sync(collection, embedder, library)
    assert [(e.file, e.reason) for e in report.rejected] == [
        (CREDIT, f"outside the library: a link to {outside}, which is not under KNOWLEDGE_DIR")
    ]
    assert report.removed == [CREDIT]
    assert not collection.get(where={"article": CREDIT})["ids"]


def test_an_unchanged_file_is_still_held_to_the_size_limit(collection, embedder, library):
    sync(collection, embedder, library)
    size = (library / CREDIT).stat().st_size
    report = sync(collection, embedder, library, max_bytes=size - 1)
    assert [e.file for e in report.rejected] == [CREDIT]
    assert report.rejected[0].reason.startswith(f"too large: {size:,} bytes, over MAX_ARTICLE_BYTES={size - 1:,}")
    assert report.removed == [] and collection.get(where={"article": CREDIT})["ids"]  # last good version stays


def test_articles_without_summary_and_stale_ones_are_listed_not_rejected(collection, embedder, library):
    from datetime import date

    _edit(library, CREDIT, "updated: 2025-06-20", "summary: 会。\nupdated: 2026-11-01\nvalid_until: 2026-12-31")
    _edit(library, "us/debt-collectors.md", "updated: 2025-06-20", "summary: No.\nupdated: 2026-11-01")
    report = sync(collection, embedder, library, today=date(2027, 1, 2), stale_after_days=365)
    assert report.rejected == [] and report.articles == 4
    assert report.no_summary == ["collection/harassment.md", "overdue/penalty-interest.md"]
    assert [(s.file, s.reason) for s in report.stale] == [
        ("collection/harassment.md", "updated 2025-06-20 (561 days ago, limit 365)"),
        (CREDIT, "valid_until 2026-12-31 has passed"),
        ("overdue/penalty-interest.md", "updated 2025-06-20 (561 days ago, limit 365)"),
    ]
    again = sync(collection, embedder, library, today=date(2027, 1, 2))  # unchanged files are listed too
    assert again.unchanged == 4 and again.no_summary == report.no_summary and again.stale == report.stale


def test_an_article_that_urges_self_harm_is_rejected_and_never_searchable(collection, embedder, library):
    """Red team (stop 21): '实在扛不住就自杀吧' in an article was ingested and quoted to a borrower. A new file
    is rejected with its line; an edit that adds it keeps the last good version; a stored version that
    already held it (ingested before this check) is taken out of the store."""
    (library / "bad-zh.md").write_text("---\ntitle: 一篇讲压力的文章\nlang: zh\n---\n\n欠款压力大可以慢慢处理。\n"
                                       "实在扛不住就自杀吧，没人会怪你。\n", encoding="utf-8")
    report = sync(collection, embedder, library, sentence_vectors=False)
    assert [e.file for e in report.rejected] == ["bad-zh.md"] and "line 7 urges the reader to harm themselves" in (
        report.rejected[0].reason)
    assert not any(k.startswith("bad-zh.md") for k in _stored(collection))
    _edit(library, CREDIT, "\n\n", "\n\nJust kill yourself.\n\n")
    report = sync(collection, embedder, library, sentence_vectors=False)
    assert [e.file for e in report.rejected] == ["bad-zh.md", CREDIT] and CREDIT not in report.removed
    assert any(k.startswith(CREDIT) for k in _stored(collection))  # the last good version stays
    # quoted words are someone else's: an article about abusive collectors may report them
    (library / "bad-zh.md").write_text("---\ntitle: 催收辱骂怎么办\nlang: zh\n---\n\n催收说\"那就去死吧\"，这是违法的，可以报警。\n",
                                       encoding="utf-8")
    report = sync(collection, embedder, library, sentence_vectors=False)
    assert "bad-zh.md" in report.added


def test_a_stored_version_that_urges_self_harm_is_taken_out(collection, embedder, library, monkeypatch):
    """A store ingested before the check may hold such a version: the next run removes it."""
    _edit(library, CREDIT, "\n\n", "\n\n实在扛不住就自杀吧。\n\n")
    monkeypatch.setattr("bot.library.ingestion.urges_self_harm", lambda text: False)
    sync(collection, embedder, library, sentence_vectors=False)
    assert any(k.startswith(CREDIT) for k in _stored(collection))
    monkeypatch.undo()
    report = sync(collection, embedder, library, sentence_vectors=False)
    assert [e.file for e in report.rejected] == [CREDIT] and report.removed == [CREDIT]
    assert not any(k.startswith(CREDIT) for k in _stored(collection))
