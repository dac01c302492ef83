"""Editors' uploads: validated as ingest.py validates, placed only inside KNOWLEDGE_DIR, zips checked."""

from __future__ import annotations

import io
import os
import shutil
import stat
import zipfile
from pathlib import Path

import pytest

from bot.library.articles import ArticleError
from bot.library.desk import EditorDesk, summarize
from bot.library.uploads import MB, UploadError, declared_path, safe_target, stage, unpack
from bot.search.store import open_collection
from tests.support.embedders import FakeEmbedder

LIBRARY = Path(__file__).parent / "data" / "library"
CREDIT = "credit/overdue-credit-report.md"
GOOD = ("---\ntitle: 提前还款要违约金吗？\nlang: zh\ntags: [repayment]\nupdated: 2026-11-01\n---\n\n"
        "## 提前还款\n\n合同写明提前还款违约金的，按合同；没写的，可以要求免收。\n").encode()


def _zip(*members: tuple[str, bytes], symlink: tuple[str, str] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink[0])
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, symlink[1])
    return buffer.getvalue()


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def library(settings) -> Path:
    shutil.copytree(LIBRARY, settings.knowledge_dir)
    return settings.knowledge_dir


@pytest.fixture
def desk(settings, library) -> EditorDesk:
    embedder = FakeEmbedder()
    collection = open_collection(settings, embedder)
    desk = EditorDesk(library, collection, embedder, max_bytes=10 * MB)
    desk._sync()  # the library as ingest.py left it
    return desk


@pytest.mark.parametrize("name, reason", [
    ("../../etc/x.md", "leaves the library"),
    ("credit/../../x.md", "leaves the library"),
    ("/etc/x.md", "an absolute path"),
    ("C:\\Windows\\x.md", "an absolute path"),
    ("credit/.hidden.md", "hidden names"),
    ("_archive/x.md", "hidden names"),
    ("credit/notes.txt", "must end in .md"),
    ("", "no file name"),
])
def test_unsafe_names_are_refused_with_the_reason(tmp_path, name, reason):
    with pytest.raises(ArticleError) as refused:
        safe_target(tmp_path, name)
    assert reason in refused.value.reason


def test_a_symlinked_folder_that_leads_out_is_refused(tmp_path):
    root, outside = tmp_path / "knowledge", tmp_path / "outside"
    root.mkdir(), outside.mkdir()
    os.symlink(outside, root / "escape")
    with pytest.raises(ArticleError, match="outside the library"):
        safe_target(root, "escape/x.md")
    assert safe_target(root, "credit/x.md") == (root / "credit" / "x.md").resolve()


def test_front_matter_path_names_the_place_else_the_file_name_or_the_article_of_that_name(library):
    placed = GOOD.replace(b"lang: zh\n", b"lang: zh\npath: repayment/early.md\n")
    assert declared_path(placed) == "repayment/early.md"
    staged = stage(library, [unpack("early.md", placed, MB)[0][0], unpack("new.md", GOOD, MB)[0][0]])
    assert [(p.id, p.replaces) for p in staged.placements] == [("repayment/early.md", False), ("new.md", False)]
    update = (LIBRARY / CREDIT).read_bytes().replace("5年".encode(), "五年".encode())
    staged = stage(library, [unpack("overdue-credit-report.md", update, MB)[0][0]])
    assert [(p.id, p.replaces) for p in staged.placements] == [(CREDIT, True)], "a bare name updates its article"


def test_a_zip_of_a_folder_keeps_its_paths_and_skips_clutter(library):
    data = _zip(("repayment/early.md", GOOD), ("__MACOSX/._early.md", b"\0\0"), (".DS_Store", b"x"),
                ("repayment/readme.txt", b"notes"))
    uploads, rejected = unpack("folder.zip", data, MB)
    assert [u.name for u in uploads] == ["repayment/early.md"]
    assert [(e.file, e.reason) for e in rejected] == [("repayment/readme.txt", "not a Markdown (.md) file")]


def test_path_safety_every_attack_is_refused_with_a_reason_and_nothing_lands_outside(desk, library, tmp_path):
    """The issue's list: ../../etc/x.md, a symlink in a zip, a 20 MB file, non-UTF-8, a zip bomb."""
    outside_before = _tree(tmp_path / "outside") if (tmp_path / "outside").exists() else {}
    library_before = _tree(library)
    results: list[str] = []

    outcome = desk.upload("x.md", GOOD.replace(b"lang: zh\n", b"lang: zh\npath: ../../etc/x.md\n"))
    results += [f"../../etc/x.md -> {e.file}: {e.reason}" for e in outcome.report.rejected]
    outcome = desk.upload("links.zip", _zip(symlink=("credit/passwd.md", "/etc/passwd")))
    results += [f"symlink in zip -> {e.file}: {e.reason}" for e in outcome.report.rejected]
    for name, data in (("big.md", b"---\ntitle: big\n---\n" + b"a" * (20 * MB)),
                       ("bomb.zip", _zip(("credit/bomb.md", b"\n" * (30 * MB))))):
        with pytest.raises(UploadError) as refused:
            desk.upload(name, data)
        results.append(f"{name} -> {refused.value.reason}")
    outcome = desk.upload("gbk.md", "---\ntitle: 征信\n---\n\n逾期记录保存五年。\n".encode("gbk"))
    results += [f"non-UTF-8 -> {e.file}: {e.reason}" for e in outcome.report.rejected]

    print("\n".join(results))
    assert len(results) == 5, results
    assert "leaves the library" in results[0]
    assert "symlink inside the zip" in results[1]
    assert "big.md is 20.0 MB; the limit is 10 MB" in results[2]
    assert "times (limit 100): a zip bomb, refused" in results[3]
    assert "not UTF-8 text" in results[4]
    assert _tree(library) == library_before, "nothing was written, not even inside the library"
    assert not Path("/etc/x.md").exists()
    assert (_tree(tmp_path / "outside") if (tmp_path / "outside").exists() else {}) == outside_before


def test_a_zip_declaring_more_than_the_cap_is_refused_before_reading():
    with pytest.raises(UploadError, match=r"would unpack to 60 MB \(limit 50 MB\): refused"):
        unpack("huge.zip", _zip(*((f"{i}.md", b"x" * (15 * MB)) for i in range(4))), 10 * MB)


def test_a_bomb_that_lies_about_its_size_stops_at_the_cap(tmp_path):
    data = bytearray(_zip(("a.md", b"---\ntitle: a\n---\n" + b"x" * (3 * MB))))
    # Rewrite the declared size (central directory) to 10 bytes: the reader must not trust it.
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.infolist()[0]
    central = data.rfind(b"PK\x01\x02")
    data[central + 24:central + 28] = (10).to_bytes(4, "little")
    with pytest.raises(UploadError, match="a.md"):
        unpack("liar.zip", bytes(data), 10 * MB)
    assert info.file_size > 3 * MB


def test_an_upload_adds_then_a_broken_version_keeps_the_good_one_then_an_update_replaces_it(desk, library):
    added = desk.upload("early.md", GOOD.replace(b"lang: zh\n", b"lang: zh\npath: repayment/early.md\n"))
    assert (added.written, added.report.added, added.report.rejected) == (["repayment/early.md"],
                                                                           ["repayment/early.md"], [])
    good = (library / "repayment/early.md").read_bytes()
    broken = desk.upload("early.md", b"---\ntitle: [unclosed\n---\nbody\n")
    assert [e.file for e in broken.report.rejected] == ["repayment/early.md"]
    assert "invalid YAML in front matter" in broken.report.rejected[0].reason
    assert (library / "repayment/early.md").read_bytes() == good, "the last good version stays"
    assert "Rejected files change nothing" in summarize(broken)
    newer = desk.upload("early.md", good.replace("可以要求免收".encode(), "可以要求银行免收".encode()))
    assert newer.report.updated == ["repayment/early.md"]
    assert "updated 1: repayment/early.md" in summarize(newer)


def test_retire_moves_the_file_to_the_archive_and_drops_it_from_the_store(desk, library):
    archived, report = desk.retire(CREDIT)
    assert report.removed == [CREDIT]
    assert not (library / CREDIT).exists() and archived.read_bytes() == (LIBRARY / CREDIT).read_bytes()
    assert archived.relative_to(library.resolve()).parts[0] == "_archive"
    stored = desk.collection.get(include=["metadatas"])["metadatas"]
    assert CREDIT not in {m["article"] for m in stored}
    with pytest.raises(Exception, match="no article"):
        desk.article_path(CREDIT)


def test_the_last_article_is_not_retired_and_stays_in_place(settings, tmp_path):
    library = tmp_path / "one"
    (library / "credit").mkdir(parents=True)
    shutil.copy(LIBRARY / CREDIT, library / CREDIT)
    embedder = FakeEmbedder()
    desk = EditorDesk(library, open_collection(settings, embedder), embedder, max_bytes=MB)
    desk._sync()
    with pytest.raises(Exception, match="was not retired: no articles"):
        desk.retire(CREDIT)
    assert (library / CREDIT).read_bytes() == (LIBRARY / CREDIT).read_bytes()
