"""Checks every article in knowledge/ and the evaluation questions written for them (issue 7).

Parses front matter with PyYAML directly, so it does not depend on the ingestion code.
Library-size targets are marked `library`: they describe the merged zh+en library and fail on a
branch that holds only one half (`pytest -m "not library"` runs the rest).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE = ROOT / "knowledge"
DATA = Path(__file__).resolve().parent / "data"

LANGS = {"zh", "en"}
JURISDICTIONS = {"CN", "US", "general"}
BOUNDS = {"zh": (500, 1500), "en": (300, 900)}
EXEMPT_TAG = "reader-perspective"
DISCLAIMER_EN = "This is general information, not legal or financial advice."

_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)(.*)\Z", re.S)
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’.,-][A-Za-z0-9]+)*")


def article_paths() -> list[Path]:
    """Every Markdown article, README files excepted (they document the folder, not a topic)."""
    return sorted(p for p in KNOWLEDGE.glob("**/*.md") if p.name.lower() != "readme.md")


def article_id(path: Path) -> str:
    return path.relative_to(KNOWLEDGE).as_posix()


def split_front_matter(text: str) -> tuple[dict, str]:
    match = _FRONT.match(text.lstrip("\ufeff"))
    if not match:
        raise AssertionError("no front matter between '---' lines at the top")
    meta = yaml.safe_load(match.group(1))
    if not isinstance(meta, dict):
        raise AssertionError(f"front matter is not a mapping: {meta!r}")
    return meta, match.group(2)


def length_units(body: str) -> int:
    """Chinese characters plus words written in Latin letters or digits."""
    without_cjk = _CJK.sub(" ", body)
    return len(_CJK.findall(body)) + len(_WORD.findall(without_cjk))


def load(path: Path) -> tuple[dict, str]:
    return split_front_matter(path.read_text(encoding="utf-8"))


def tags_of(meta: dict) -> list[str]:
    tags = meta.get("tags") or []
    return [str(t) for t in tags] if isinstance(tags, list) else [str(tags)]


PATHS = article_paths()
IDS = [article_id(p) for p in PATHS]


# --- helpers are tested too, since every article check relies on them ----------------------------


def test_length_units_counts_cjk_characters_and_latin_words():
    assert length_units("逾期了怎么办") == 6
    assert length_units("I missed a payment, what now?") == 6
    assert length_units("征信 report 保留5年") == 5 + 1 + 1
    assert length_units("## Steps\n1. Call the lender's line; 0.05% a day") == 9


def test_split_front_matter_rejects_a_file_without_it():
    with pytest.raises(AssertionError, match="no front matter"):
        split_front_matter("# Title\n\nBody")
    meta, body = split_front_matter("---\ntitle: T\nlang: en\n---\nBody text\n")
    assert meta == {"title": "T", "lang": "en"} and body == "Body text\n"


# --- per article -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_front_matter(path: Path):
    meta, _ = load(path)
    assert isinstance(meta.get("title"), str) and meta["title"].strip(), "title is empty"
    assert meta.get("lang") in LANGS, f"lang {meta.get('lang')!r} not in {sorted(LANGS)}"
    assert meta.get("jurisdiction") in JURISDICTIONS, (
        f"jurisdiction {meta.get('jurisdiction')!r} not in {sorted(JURISDICTIONS)}"
    )
    sources = meta.get("sources")
    assert isinstance(sources, list) and sources, "sources must be a non-empty list"
    assert all(isinstance(s, str) and s.strip() for s in sources), f"empty source in {sources!r}"
    updated = meta.get("updated")
    if isinstance(updated, str):
        dt.date.fromisoformat(updated)
    else:
        assert isinstance(updated, dt.date), f"updated {updated!r} is not a date"


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_body_length(path: Path):
    meta, body = load(path)
    if EXEMPT_TAG in tags_of(meta):
        pytest.skip("reader-perspective articles keep their original length")
    low, high = BOUNDS[meta["lang"]]
    n = length_units(body)
    assert low <= n <= high, f"{n} length units, expected {low}-{high} for lang {meta['lang']}"


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_file_name_and_place(path: Path):
    meta, _ = load(path)
    rel = path.relative_to(KNOWLEDGE)
    assert len(rel.parts) == 2, "articles live one folder deep: knowledge/<theme>/<name>.md"
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*\.md", path.name), "file name is not kebab-case"
    if meta["lang"] == "en":
        assert path.name.endswith("-en.md"), "English article names end in -en.md"


@pytest.mark.parametrize("path", [p for p in PATHS if load(p)[0].get("lang") == "en"],
                         ids=lambda p: article_id(p))
def test_english_article_shape(path: Path):
    meta, body = load(path)
    if EXEMPT_TAG in tags_of(meta):
        pytest.skip("reader-perspective articles keep their original form")
    assert re.search(r"^## \S", body, re.M), "no '##' headings"
    assert re.search(r"^1\. \S", body, re.M), "no numbered steps"
    assert body.rstrip().endswith(DISCLAIMER_EN), "does not end with the disclaimer line"


# --- evaluation questions --------------------------------------------------------------------------


def question_files() -> list[Path]:
    return sorted(DATA.glob("questions_*.jsonl"))


def load_questions(path: Path) -> list[dict]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as err:
                raise AssertionError(f"{path.name} line {number}: {err}") from err
    return rows


@pytest.mark.parametrize("path", question_files(), ids=lambda p: p.name)
def test_questions_are_well_formed_and_point_at_real_articles(path: Path):
    known = set(IDS)
    rows = load_questions(path)
    assert rows, f"{path.name} is empty"
    for row in rows:
        assert isinstance(row.get("q"), str) and row["q"].strip(), f"empty question: {row!r}"
        assert row.get("lang") in LANGS, f"bad lang in {row!r}"
        expect = row.get("expect")
        assert isinstance(expect, list), f"expect is not a list in {row!r}"
        missing = [e for e in expect if e not in known]
        assert not missing, f"{row['q']!r} expects unknown articles {missing}"
    texts = [r["q"].strip().lower() for r in rows]
    dupes = [q for q, n in Counter(texts).items() if n > 1]
    assert not dupes, f"duplicate questions: {dupes}"


def test_every_english_article_has_three_questions():
    rows = load_questions(DATA / "questions_en.jsonl")
    counts = Counter(e for r in rows for e in r["expect"])
    english = [article_id(p) for p in PATHS if load(p)[0].get("lang") == "en"]
    short = {a: counts[a] for a in english if counts[a] < 3}
    assert not short, f"English articles with fewer than 3 questions: {short}"


def test_english_questions_do_not_copy_titles():
    titles = {load(p)[0]["title"].strip().lower() for p in PATHS}
    rows = load_questions(DATA / "questions_en.jsonl")
    copied = [r["q"] for r in rows if r["q"].strip().rstrip("?").lower() in titles]
    assert not copied, f"questions copied from titles: {copied}"


def test_english_set_has_declines_and_cross_language_questions():
    rows = load_questions(DATA / "questions_en.jsonl")
    assert sum(1 for r in rows if r["expect"] == []) >= 10
    cn = {article_id(p) for p in PATHS if load(p)[0].get("jurisdiction") == "CN"}
    assert sum(1 for r in rows if r["lang"] == "en" and set(r["expect"]) & cn) >= 8


# --- the whole library (targets for the merged zh + en library) ------------------------------------


def _langs() -> Counter:
    return Counter(load(p)[0].get("lang") for p in PATHS)


@pytest.mark.library
def test_library_has_at_least_32_articles():
    assert len(PATHS) >= 32, f"only {len(PATHS)} articles"


@pytest.mark.library
def test_library_has_at_least_20_chinese_articles():
    assert _langs()["zh"] >= 20, f"only {_langs()['zh']} Chinese articles"


@pytest.mark.library
def test_library_has_at_least_12_english_articles():
    assert _langs()["en"] >= 12, f"only {_langs()['en']} English articles"


@pytest.mark.library
def test_every_article_has_two_questions_across_languages():
    rows = [r for f in question_files() for r in load_questions(f)]
    counts = Counter(e for r in rows for e in r["expect"])
    short = {a: counts[a] for a in IDS if counts[a] < 2}
    assert not short, f"articles with fewer than 2 evaluation questions: {short}"
