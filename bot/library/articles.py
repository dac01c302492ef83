"""Editors' Markdown articles: reading the files under KNOWLEDGE_DIR and validating their front matter.

An article is a UTF-8 Markdown file with a YAML front matter block:

    ---
    title: 逾期多久会上征信？        # required
    lang: zh                        # zh | en; detected from the text when absent
    tags: [credit-report, overdue]
    sources: ["《征信业管理条例》第十六条", "https://..."]
    updated: 2025-06-20
    jurisdiction: CN                # CN | US | general (default general)
    summary: 逾期记录在还清之日起保存5年。  # 1-3 sentences answering the title's question
    role: article                   # article | story (a story is context, never an answer's only source)
    valid_until: 2026-03-31         # the rule it states expires: listed as stale after this date
    ---

Its id is its path relative to KNOWLEDGE_DIR with forward slashes (`overdue/penalty-interest.md`).
Every problem an editor can cause is an `ArticleError` naming the file and the reason; nothing here
raises anything else for bad content.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bot.library.cleaning import clean_text

# Bump when cleaning or chunking changes the chunks an unchanged file produces: every article is
# then re-embedded once, because its hash changes.
PIPELINE_VERSION = "1"

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")

try:  # the C loader is ~10x faster; it matters for a no-op run over a big library
    _YamlLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _YamlLoader = yaml.SafeLoader


class ArticleError(Exception):
    """A file that cannot be ingested, with the reason in words an editor understands."""

    def __init__(self, file: str, reason: str):
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.reason = reason


def _as_list(value: object) -> object:
    """Accept `tags: a, b` and `tags: a` as well as a YAML list."""
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list):
        # YAML reads `tags: [催收, 12378]` as a string and a number; an editor meant two tags.
        return [str(item) if isinstance(item, (int, float)) and not isinstance(item, bool) else item for item in value]
    return value


class FrontMatter(BaseModel):
    """The fields an article may declare; unknown keys are ignored."""

    model_config = ConfigDict(extra="ignore")

    title: str = Field(min_length=1)
    lang: Literal["zh", "en"] | None = None
    tags: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    updated: date | None = None
    jurisdiction: Literal["CN", "US", "general"] = "general"
    summary: str | None = None
    role: Literal["article", "story"] = "article"
    valid_until: date | None = None

    _lists = field_validator("tags", "sources", mode="before")(_as_list)

    @field_validator("title")
    @classmethod
    def _strip_title(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("title is empty")
        return value.strip()

    @field_validator("tags", "sources")
    @classmethod
    def _strip_items(cls, value: list[str]) -> list[str]:
        return [item.strip() for item in value if item.strip()]


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    lang: str
    body: str  # cleaned (bot.library.cleaning): what gets chunked
    tags: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    updated: date | None = None
    jurisdiction: str = "general"
    summary: str = ""  # the front matter's answer to the title's question ("" when absent)
    role: str = "article"  # "story": context for an answer, never its only source
    valid_until: date | None = None
    hash: str = ""
    path: Path | None = field(default=None, compare=False)


def detect_language(text: str) -> str:
    """zh when Chinese characters are a fair share of the letters, else en."""
    cjk = len(_CJK.findall(text))
    latin = len(_LATIN.findall(text))
    return "zh" if cjk and cjk * 3 >= latin else "en"


def content_hash(raw: bytes) -> str:
    """The fingerprint that decides whether an article must be re-embedded."""
    return hashlib.sha256(PIPELINE_VERSION.encode() + b"\0" + raw).hexdigest()


def article_id(path: Path, knowledge_dir: Path) -> str:
    return path.relative_to(knowledge_dir).as_posix()


def _format_validation(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error["loc"]) or "front matter"
        message = error["msg"]
        if error["type"] == "missing":
            message = "is required"
        elif error["type"] == "literal_error":
            message = f"must be one of {error['ctx']['expected']}, got {error['input']!r}"
        parts.append(f"{where} {message}")
    return "; ".join(parts)


def parse_article(raw: bytes, article_id: str, path: Path | None = None) -> Article:
    """Validate one file's bytes; raise ArticleError with the reason when it is not a good article."""
    if b"\0" in raw[:8192]:
        raise ArticleError(article_id, "binary file (contains NUL bytes), not Markdown text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ArticleError(
            article_id, f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}); save it as UTF-8"
        ) from None
    text = text.lstrip("\ufeff")
    match = _FRONT_MATTER.match(text)
    if not match:
        raise ArticleError(article_id, "no front matter: the file must start with a '---' block that has a title")
    try:
        data = yaml.load(match.group(1), Loader=_YamlLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ArticleError(article_id, f"invalid YAML in front matter{where}: {problem}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ArticleError(article_id, "invalid front matter: expected 'key: value' lines")
    if "title" not in data or data.get("title") is None:
        raise ArticleError(article_id, "missing title in front matter")
    try:
        meta = FrontMatter.model_validate({k: (str(v) if k == "title" else v) for k, v in data.items()})
    except ValidationError as exc:
        raise ArticleError(article_id, f"invalid front matter: {_format_validation(exc)}") from None
    body = clean_text(text[match.end():]).strip()
    if not body:
        raise ArticleError(article_id, "empty body: the article has front matter but no text")
    return Article(
        id=article_id,
        title=meta.title,
        lang=meta.lang or detect_language(meta.title + "\n" + body),
        body=body,
        tags=tuple(meta.tags),
        sources=tuple(meta.sources),
        updated=meta.updated,
        jurisdiction=meta.jurisdiction,
        summary=" ".join((meta.summary or "").split()),
        role=meta.role,
        valid_until=meta.valid_until,
        hash=content_hash(raw),
        path=path,
    )


@dataclass(frozen=True)
class ArticleFile:
    """A Markdown file found under KNOWLEDGE_DIR, before parsing."""

    id: str
    path: Path


def find_article_files(knowledge_dir: Path) -> tuple[list[ArticleFile], list[ArticleError]]:
    """Every `*.md` file under the folder (following symlinks, skipping hidden names), and duplicates.

    Two files are the same article when their ids differ only in letter case (they collide on
    case-insensitive file systems) or when they are the same file reached twice through a symlink.
    Case twins are both rejected (nobody can tell which one is meant); a symlinked copy is rejected
    in favour of the real file.
    """
    knowledge_dir = Path(knowledge_dir)
    found: list[ArticleFile] = []
    for root, dirs, files in os.walk(knowledge_dir, followlinks=True):
        real_root = os.path.realpath(root)
        # Follow symlinked folders (their files are reported as duplicates below) but not loops.
        dirs[:] = sorted(
            d for d in dirs
            if not d.startswith((".", "_")) and not _is_ancestor(os.path.realpath(os.path.join(root, d)), real_root)
        )
        for name in sorted(files):
            if name.startswith((".", "_")) or not name.lower().endswith(".md"):
                continue
            path = Path(root) / name
            found.append(ArticleFile(article_id(path, knowledge_dir), path))

    rejected: list[ArticleError] = []
    by_real: dict[str, list[ArticleFile]] = {}
    for item in found:
        by_real.setdefault(os.path.realpath(item.path), []).append(item)
    keep: list[ArticleFile] = []
    for twins in by_real.values():
        if len(twins) == 1:
            keep.append(twins[0])
            continue
        # Prefer the path that involves no symlink at all, else the shortest id.
        twins.sort(key=lambda f: (_through_symlink(f.path, knowledge_dir), len(f.id), f.id))
        keep.append(twins[0])
        for other in twins[1:]:
            rejected.append(ArticleError(other.id, f"duplicate id: the same file as {twins[0].id} (through a symlink)"))

    by_folded: dict[str, list[ArticleFile]] = {}
    for item in keep:
        by_folded.setdefault(item.id.casefold(), []).append(item)
    unique: list[ArticleFile] = []
    for twins in by_folded.values():
        if len(twins) == 1:
            unique.append(twins[0])
            continue
        for item in twins:
            others = ", ".join(o.id for o in twins if o is not item)
            rejected.append(ArticleError(item.id, f"duplicate id: {others} differs only in letter case; rename one"))
    unique.sort(key=lambda f: f.id)
    return unique, rejected


def _is_ancestor(candidate: str, path: str) -> bool:
    return path == candidate or path.startswith(candidate.rstrip(os.sep) + os.sep)


def _through_symlink(path: Path, knowledge_dir: Path) -> bool:
    current = path
    while current != knowledge_dir and current != current.parent:
        if current.is_symlink():
            return True
        current = current.parent
    return False


def load_articles(knowledge_dir: Path) -> tuple[list[Article], list[ArticleError]]:
    """Parse every article; return the good ones and one error per rejected file."""
    files, rejected = find_article_files(knowledge_dir)
    articles: list[Article] = []
    for item in files:
        try:
            raw = item.path.read_bytes()
            articles.append(parse_article(raw, item.id, item.path))
        except ArticleError as exc:
            rejected.append(exc)
        except OSError as exc:
            rejected.append(ArticleError(item.id, f"cannot read the file: {exc.strerror or exc}"))
    rejected.sort(key=lambda e: e.file)
    return articles, rejected
