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
raises anything else for bad content. Files are checked before they are read: only regular files
whose real path is inside KNOWLEDGE_DIR, at most MAX_ARTICLE_BYTES, with a safe name.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from bot.core.errors import BotError
from bot.library.cleaning import clean_text
from bot.library.frontmatter import FrontMatter, FrontMatterError, read_front_matter

# Bump when cleaning or chunking changes the chunks an unchanged file produces: every article is
# then re-embedded once, because its hash changes.
PIPELINE_VERSION = "6"  # 2: merged sub-headings stay Markdown headings; 3: a closing quote ends its sentence;
# 4: hard-wrapped paragraphs are joined before sentences are split; 5: also inside a quote, and task boxes
# ("- [ ] ") are cleaned off; 6: a bold question line ("**I left China. Does my loan disappear?**") is context
# as a whole, none of its sentences quoted

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")

DEFAULT_MAX_ARTICLE_BYTES = 200_000
_MAX_ID_CHARS = 200
# Path segments of an id: letters (any script, CJK included), digits, "-", "_", "."; no leading dot.
_SAFE_SEGMENT = re.compile(r"(?!\.)[\w.\-]+")


class ArticleError(BotError):
    """A file that cannot be ingested, with the reason in words an editor understands.

    `keep_stored` is False when the file must not stay searchable even in its last good version
    (it is outside the library or not a regular file).
    """

    def __init__(self, file: str, reason: str, *, keep_stored: bool = True):
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.reason = reason
        self.keep_stored = keep_stored


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


def _utf16_text(raw: bytes) -> bool:
    """True when bytes that start with a UTF-16 byte-order mark decode as UTF-16 text (not a binary file)."""
    try:
        text = raw[:8192].decode("utf-16")
    except UnicodeDecodeError:
        return False
    return all(c.isprintable() or c in "\r\n\t" for c in text)


def split_front_matter(raw: bytes, article_id: str) -> tuple[FrontMatter, str]:
    """Decode the file and validate its front matter; return it with the raw body text."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff") and _utf16_text(raw):
        raise ArticleError(article_id, "saved as UTF-16; save it as UTF-8 (in most editors: Save with Encoding > UTF-8)")
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
        meta = read_front_matter(match.group(1))
    except FrontMatterError as exc:
        raise ArticleError(article_id, exc.reason) from None
    return meta, text[match.end():]


def parse_article(raw: bytes, article_id: str, path: Path | None = None) -> Article:
    """Validate one file's bytes; raise ArticleError with the reason when it is not a good article."""
    meta, rest = split_front_matter(raw, article_id)
    body = clean_text(rest).strip()
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
    """A Markdown file found under KNOWLEDGE_DIR, before reading."""

    id: str
    path: Path


def _is_safe_id(article_id: str) -> bool:
    return len(article_id) <= _MAX_ID_CHARS and all(_SAFE_SEGMENT.fullmatch(p) for p in article_id.split("/"))


def check_article_id(article_id: str) -> None:
    """Refuse ids that could confuse a reader, a log or a prompt (quotes, newlines, `..`, odd characters)."""
    if not _is_safe_id(article_id):
        raise ArticleError(
            repr(article_id),
            f"unsafe file name {article_id!r}: rename it using letters, digits, '-', '_' and '.' only "
            f"(no spaces, quotes or control characters, at most {_MAX_ID_CHARS} characters)",
            keep_stored=False,
        )


def find_article_files(knowledge_dir: Path) -> tuple[list[ArticleFile], list[ArticleError]]:
    """Every `*.md` file under the folder (following symlinks that stay inside it), and the refused ones.

    Two files are the same article when their ids differ only in letter case (they collide on
    case-insensitive file systems) or when they are the same file reached twice through a symlink.
    Case twins are both rejected (nobody can tell which one is meant); a symlinked copy is rejected
    in favour of the real file. A link to a file or folder outside the library, a name outside the
    safe character set and anything that is not a regular file (a FIFO, a device) are refused
    without being opened.
    """
    knowledge_dir = Path(knowledge_dir)
    real_library = os.path.realpath(knowledge_dir)
    found: list[ArticleFile] = []
    rejected: list[ArticleError] = []
    for root, dirs, files in os.walk(knowledge_dir, followlinks=True):
        real_root = os.path.realpath(root)
        kept_dirs = []
        for d in sorted(dirs):
            if d.startswith((".", "_")):
                continue
            real = os.path.realpath(os.path.join(root, d))
            if not _is_ancestor(real_library, real):
                rel = article_id(Path(root) / d, knowledge_dir) + "/"
                rejected.append(ArticleError(rel if _is_safe_id(rel.rstrip("/")) else repr(rel), f"outside the library: a link to the folder {real}; not read",
                                             keep_stored=False))
            elif not _is_ancestor(real, real_root):  # follow symlinked folders, but not loops
                kept_dirs.append(d)
        dirs[:] = kept_dirs
        for name in sorted(files):
            if name.startswith((".", "_")) or not name.lower().endswith(".md"):
                continue
            path = Path(root) / name
            item = ArticleFile(article_id(path, knowledge_dir), path)
            try:
                check_article_id(item.id)
                _check_location(item, real_library)
            except ArticleError as exc:
                rejected.append(exc)
                continue
            found.append(item)

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


def _check_location(item: ArticleFile, real_library: str) -> os.stat_result:
    """The file's real path is inside the library and is a regular file; nothing is opened."""
    real = os.path.realpath(item.path)
    if not _is_ancestor(real_library, real):
        raise ArticleError(item.id, f"outside the library: a link to {real}, which is not under KNOWLEDGE_DIR",
                           keep_stored=False)
    try:
        info = os.lstat(real)
    except OSError as exc:
        raise ArticleError(item.id, f"cannot read the file: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        raise ArticleError(item.id, f"not a regular file ({_file_kind(info.st_mode)}); only plain text files are read",
                           keep_stored=False)
    return info


def _file_kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"),
                       (stat.S_ISBLK, "a device"), (stat.S_ISDIR, "a folder"), (stat.S_ISLNK, "a broken link")):
        if test(mode):
            return name
    return "a special file"


def _too_large(item: ArticleFile, size: int, max_bytes: int) -> ArticleError:
    return ArticleError(
        item.id, f"too large: {size:,} bytes, over MAX_ARTICLE_BYTES={max_bytes:,}; split it into smaller articles"
    )


def read_article_bytes(item: ArticleFile, knowledge_dir: Path, max_bytes: int = DEFAULT_MAX_ARTICLE_BYTES) -> bytes:
    """The file's bytes, after checking where it really is, what it is and its size, all before reading."""
    info = _check_location(item, os.path.realpath(knowledge_dir))
    if info.st_size > max_bytes:
        raise _too_large(item, info.st_size, max_bytes)
    real = os.path.realpath(item.path)
    # O_NONBLOCK: should the file be swapped for a FIFO after the check, opening it cannot hang.
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(real, flags)
    except OSError as exc:
        raise ArticleError(item.id, f"cannot read the file: {exc.strerror or exc}") from None
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):
            raise ArticleError(item.id, f"not a regular file ({_file_kind(opened.st_mode)})", keep_stored=False)
        parts, size = [], 0
        while size <= max_bytes:
            part = os.read(fd, min(1 << 20, max_bytes + 1 - size))
            if not part:
                break
            parts.append(part)
            size += len(part)
    except OSError as exc:
        raise ArticleError(item.id, f"cannot read the file: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if size > max_bytes:  # it grew after the check
        raise _too_large(item, size, max_bytes)
    return b"".join(parts)


def _is_ancestor(candidate: str, path: str) -> bool:
    return path == candidate or path.startswith(candidate.rstrip(os.sep) + os.sep)


def _through_symlink(path: Path, knowledge_dir: Path) -> bool:
    current = path
    while current != knowledge_dir and current != current.parent:
        if current.is_symlink():
            return True
        current = current.parent
    return False


def load_article(item: ArticleFile, knowledge_dir: Path, max_bytes: int = DEFAULT_MAX_ARTICLE_BYTES) -> Article:
    """Read and parse one file; whatever goes wrong is this file's ArticleError, never the caller's crash."""
    try:
        return parse_article(read_article_bytes(item, knowledge_dir, max_bytes), item.id, item.path)
    except ArticleError:
        raise
    except Exception as exc:  # noqa: BLE001 - one editor's file must never stop the run for the others
        raise ArticleError(item.id, f"cannot be read as an article ({type(exc).__name__}: {str(exc)[:200]})") from None


def load_articles(
    knowledge_dir: Path, max_bytes: int = DEFAULT_MAX_ARTICLE_BYTES
) -> tuple[list[Article], list[ArticleError]]:
    """Parse every article; return the good ones and one error per rejected file."""
    files, rejected = find_article_files(knowledge_dir)
    articles: list[Article] = []
    for item in files:
        try:
            articles.append(load_article(item, knowledge_dir, max_bytes))
        except ArticleError as exc:
            rejected.append(exc)
    rejected.sort(key=lambda e: e.file)
    return articles, rejected
