"""An article's front matter: a YAML block read safely and every field type-checked.

Safety: the block is at most `MAX_FRONT_MATTER_CHARS` characters, may not use YAML anchors or
aliases (a 453-byte "billion laughs" block would otherwise expand without limit), and dates are
read as text and checked here, so `updated: 2025-02-30` is a reason, not a crash in the loader.
Every problem is a `FrontMatterError` whose reason names the field.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

MAX_FRONT_MATTER_CHARS = 16_000

try:  # the C loader is ~10x faster; it matters for a no-op run over a big library
    _Base: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Base = yaml.SafeLoader


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """The safe loader, with timestamps left as text (checked by `_strict_date`)."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", yaml.constructor.SafeConstructor.construct_yaml_str)

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class FrontMatterError(Exception):
    """The front matter is not acceptable; `reason` says why in an editor's words."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "yes/no value (put the text in quotes)"
    if isinstance(value, (list, tuple)):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    return type(value).__name__


def _as_text(value: object, what: str) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise ValueError(f"{what} must be text, not a {_kind(value)}")


def _text_field(value: object, info: ValidationInfo) -> object:
    return None if value is None and info.field_name == "summary" else _as_text(value, info.field_name)


def _text_list(value: object, info: ValidationInfo) -> list[str]:
    """Accept `tags: a, b`, `tags: a` and a YAML list of texts."""
    name = info.field_name
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if not isinstance(value, list):
        raise ValueError(f"{name} must be a list of texts, not a {_kind(value)}")
    items = []
    for number, item in enumerate(value, 1):
        if item is None:
            continue
        items.append(_as_text(item, f"{name} item {number}").strip())
    return [item for item in items if item]


def _strict_date(value: object, info: ValidationInfo) -> date | None:
    name = info.field_name
    if value is None or isinstance(value, date):
        return value
    text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else None
    if text is None:
        raise ValueError(f"{name}: not a date but a {_kind(value)}; write YYYY-MM-DD")
    if not _ISO_DATE.fullmatch(text):
        raise ValueError(f"{name}: not a date ({text[:40]}); write YYYY-MM-DD")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{name}: not a real date ({text}); write YYYY-MM-DD") from None


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

    _texts = field_validator("title", "summary", mode="before")(_text_field)
    _lists = field_validator("tags", "sources", mode="before")(_text_list)
    _dates = field_validator("updated", "valid_until", mode="before")(_strict_date)

    @field_validator("title")
    @classmethod
    def _strip_title(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("title is empty")
        return value.strip()


def _format_validation(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error["loc"]) or "front matter"
        if error["type"] == "missing":
            parts.append(f"{where} is required")
        elif error["type"] == "literal_error":
            parts.append(f"{where} must be one of {error['ctx']['expected']}, got {error['input']!r}"[:200])
        elif error["type"] == "value_error":
            parts.append(str(error["ctx"]["error"]))  # our own messages name the field already
        else:
            parts.append(f"{where} {error['msg']}")
    return "; ".join(parts)


def _refuse_aliases(block: str) -> None:
    for event in yaml.parse(block, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            mark = event.start_mark
            raise FrontMatterError(
                f"YAML anchors and aliases (&name, *name) are not allowed in front matter (line {mark.line + 2})"
            )


def read_front_matter(block: str) -> FrontMatter:
    """Load and validate the text between the `---` lines."""
    if len(block) > MAX_FRONT_MATTER_CHARS:
        raise FrontMatterError(
            f"front matter too long ({len(block):,} characters, at most {MAX_FRONT_MATTER_CHARS:,}); "
            "put the text in the body"
        )
    try:
        _refuse_aliases(block)
        data = yaml.load(block, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise FrontMatterError(f"invalid YAML in front matter{where}: {problem}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FrontMatterError("invalid front matter: expected 'key: value' lines")
    fields = {k: v for k, v in data.items() if isinstance(k, str)}
    if fields.get("title") is None:
        raise FrontMatterError("missing title in front matter")
    try:
        return FrontMatter.model_validate(fields)
    except ValidationError as exc:
        raise FrontMatterError(f"invalid front matter: {_format_validation(exc)}") from None
