"""Articles editors send as files: size limits, safe paths under KNOWLEDGE_DIR, and .zip folders.

Everything an editor sends is untrusted bytes. A file lands only at a path that resolves inside
KNOWLEDGE_DIR (no absolute paths, no `..`, no symlinks in a zip, nothing through a symlink that leads
out), only after it passed the same validation `python ingest.py` applies (`parse_article`), and only
by an atomic rename, so a rejected or half-written file never replaces the last good version.
A zip is checked against its declared sizes and compression ratio before anything is read, and the
reading stops at the cap whatever the header claimed.
"""

from __future__ import annotations

import io
import os
import re
import stat
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml

from bot.library.articles import ArticleError, find_article_files, parse_article

MB = 1024 * 1024
MAX_MEMBERS = 500  # articles in one zip; a library folder has far fewer
MAX_RATIO = 100  # uncompressed / compressed per member; Markdown compresses 3-10x
MAX_ARTICLE_BYTES = 2 * MB  # one article; the longest real one is a few tens of kB
_READ = 64 * 1024
_FRONT_PATH = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_DRIVE = re.compile(r"^[A-Za-z]:")


class UploadError(Exception):
    """The whole upload is refused (too large, not a .md or .zip, a zip bomb); the message says why."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Upload:
    """One Markdown file taken from what the editor sent: its name there and its bytes."""

    name: str
    data: bytes


@dataclass(frozen=True)
class Placement:
    """A validated article and where it will be written."""

    id: str
    path: Path
    data: bytes
    replaces: bool


@dataclass
class Staged:
    placements: list[Placement]
    rejected: list[ArticleError]


def unpack(filename: str, data: bytes, max_bytes: int) -> tuple[list[Upload], list[ArticleError]]:
    """The Markdown files in what an editor sent: a `.md` file as is, a `.zip`'s members checked one by one."""
    if len(data) > max_bytes:
        raise UploadError(f"{filename} is {len(data) / MB:.1f} MB; the limit is {max_bytes / MB:.0f} MB")
    lowered = filename.lower()
    if lowered.endswith(".md"):
        return [Upload(filename, data)], []
    if lowered.endswith(".zip"):
        return _unzip(filename, data, max_bytes)
    raise UploadError(f"{filename} is not an article: send a .md file, or a .zip of a folder of them")


def _unzip(filename: str, data: bytes, max_bytes: int) -> tuple[list[Upload], list[ArticleError]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise UploadError(f"{filename} is not a readable zip file ({exc})") from None
    cap = max_bytes * 5  # what a whole zip may unpack to
    files = [m for m in members if not m.is_dir()]
    if len(files) > MAX_MEMBERS:
        raise UploadError(f"{filename} holds {len(files)} files; send at most {MAX_MEMBERS} at once")
    declared = sum(m.file_size for m in files)
    if declared > cap:
        raise UploadError(f"{filename} would unpack to {declared / MB:.0f} MB (limit {cap / MB:.0f} MB): refused")
    for member in files:
        if member.file_size > MAX_RATIO * max(member.compress_size, 1) and member.file_size > _READ:
            raise UploadError(
                f"{filename}: {member.filename} is compressed {member.file_size // max(member.compress_size, 1)}"
                f" times (limit {MAX_RATIO}): a zip bomb, refused"
            )
    uploads: list[Upload] = []
    rejected: list[ArticleError] = []
    total = 0
    for member in files:
        name = member.filename.replace("\\", "/")
        if _ignored(name):
            continue
        problem = _member_problem(member, name)
        if problem:
            rejected.append(ArticleError(name, problem))
            continue
        content = _read_capped(archive, member, min(member.file_size, MAX_ARTICLE_BYTES), filename)
        total += len(content)
        if total > cap:
            raise UploadError(f"{filename} unpacks to more than {cap / MB:.0f} MB: refused")
        uploads.append(Upload(name, content))
    return uploads, rejected


def _ignored(name: str) -> bool:
    """Folders' clutter that no editor means to send (macOS resource forks, .DS_Store, _drafts)."""
    parts = [p for p in name.split("/") if p]
    return not parts or any(p.startswith((".", "_")) for p in parts)


def _member_problem(member: zipfile.ZipInfo, name: str) -> str | None:
    mode = member.external_attr >> 16
    if stat.S_ISLNK(mode):
        return "a symlink inside the zip: send the file itself, not a link to it"
    if member.flag_bits & 0x1:
        return "encrypted in the zip: send it without a password"
    if not name.lower().endswith(".md"):
        return "not a Markdown (.md) file"
    if member.file_size > MAX_ARTICLE_BYTES:
        return f"{member.file_size / MB:.1f} MB; one article may be at most {MAX_ARTICLE_BYTES // MB} MB"
    return None


def _read_capped(archive: zipfile.ZipFile, member: zipfile.ZipInfo, limit: int, filename: str) -> bytes:
    """The member's bytes, refusing as soon as it yields more than its header declared (a lying bomb)."""
    buffer = bytearray()
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(_READ):
                buffer += chunk
                if len(buffer) > limit:
                    raise UploadError(f"{filename}: {member.filename} unpacks to more than it declares: refused")
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:  # a corrupt member (bad CRC, truncated)
        raise UploadError(f"{filename}: {member.filename} cannot be read ({exc})") from None
    return bytes(buffer)


def safe_target(knowledge_dir: Path, relative: str) -> Path:
    """The file `relative` names under KNOWLEDGE_DIR; ArticleError when it would land anywhere else."""
    name = relative.replace("\\", "/").strip()
    if not name:
        raise ArticleError(relative, "no file name")
    if name.startswith("/") or _DRIVE.match(name):
        raise ArticleError(relative, "an absolute path: give a path inside the library, e.g. overdue/fees.md")
    parts = PurePosixPath(name).parts
    if any(part == ".." for part in parts):
        raise ArticleError(relative, "the path leaves the library ('..'): give a path inside it, e.g. overdue/fees.md")
    if any(part.startswith((".", "_")) for part in parts):
        raise ArticleError(relative, "hidden names (starting with '.' or '_') are not articles")
    if not name.lower().endswith(".md"):
        raise ArticleError(relative, "an article's file name must end in .md")
    if "\0" in name or any(len(part.encode()) > 200 for part in parts):
        raise ArticleError(relative, "not a usable file name")
    root = knowledge_dir.resolve()
    target = (root / PurePosixPath(name)).resolve()
    if not target.is_relative_to(root) or target == root:
        raise ArticleError(relative, "the path leads outside the library (through a symlink): refused")
    return target


def declared_path(raw: bytes) -> str | None:
    """`path:` from the front matter, where an editor may say where the article belongs."""
    match = _FRONT_PATH.match(raw[:65536].decode("utf-8", errors="replace"))
    if not match:
        return None
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return None  # parse_article reports the broken YAML with its line
    value = data.get("path") if isinstance(data, dict) else None
    return str(value).strip() if value else None


def stage(knowledge_dir: Path, uploads: list[Upload]) -> Staged:
    """Validate every upload as `ingest.py` does and decide where each lands; nothing is written here."""
    knowledge_dir = Path(knowledge_dir)
    existing, _ = find_article_files(knowledge_dir)
    by_folded = {item.id.casefold(): item.id for item in existing}
    by_name: dict[str, list[str]] = {}
    for item in existing:
        by_name.setdefault(PurePosixPath(item.id).name, []).append(item.id)
    staged = Staged([], [])
    seen: set[str] = set()
    for upload in uploads:
        wanted = declared_path(upload.data) or _by_file_name(upload.name, by_name)
        try:
            path = safe_target(knowledge_dir, wanted)
            article_id = path.relative_to(knowledge_dir.resolve()).as_posix()
            twin = by_folded.get(article_id.casefold())
            if twin is not None and twin != article_id:
                raise ArticleError(article_id, f"duplicate id: {twin} differs only in letter case; use that name")
            if article_id in seen:
                raise ArticleError(article_id, "sent twice in one upload; send one version")
            parse_article(upload.data, article_id, path)
        except ArticleError as exc:
            staged.rejected.append(exc)
            continue
        seen.add(article_id)
        staged.placements.append(Placement(article_id, path, upload.data, path.exists()))
    return staged


def _by_file_name(name: str, by_name: dict[str, list[str]]) -> str:
    """A bare file name updates the one article of that name; a path in a zip stays as it is."""
    if "/" in name.replace("\\", "/"):
        return name
    matches = by_name.get(name, [])
    return matches[0] if len(matches) == 1 else name


def write(placements: list[Placement]) -> None:
    """Write each article through a temporary file in its folder and an atomic rename."""
    for placement in placements:
        placement.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".upload-", suffix=".tmp", dir=placement.path.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(placement.data)
            os.replace(temporary, placement.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
