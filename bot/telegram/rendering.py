"""Turn a core `Reply` into what Telegram can show: HTML text parts, a chart photo, inline buttons.

Pure (no network, no python-telegram-bot objects): the handlers turn `Key`s into InlineKeyboardButtons.

Follow-up questions become buttons whose action is `Followup(index, turn id)` and whose label is the
question itself. Telegram caps callback data at 64 bytes, which is ~20 Chinese characters, too short
for a question; when the button is pressed, Telegram sends back the message the button is on, keyboard
included, so the handler reads the question from the pressed button's label: no truncation and no
state to store. Every action is encoded by bot.core.actions, which guarantees the 64 bytes, so no
button is ever dropped here.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from bot.core.actions import ActionError, Followup, decode, encode
from bot.core.messages import Reply
from bot.telegram import texts

TEXT_LIMIT = 4096  # characters of a message after entity parsing (Telegram counts UTF-16 code units)
CAPTION_LIMIT = 1024
MAX_FOLLOWUPS = 3


# From coarse to fine: paragraphs, lines, sentences; the last resort is a hard cut.
_BOUNDARIES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\n[ \t]*\n\s*"), "\n\n"),
    (re.compile(r"\n"), "\n"),
    (re.compile(r"(?<=[。！？；!?;])|(?<=\.)(?=\s)"), ""),
)


@dataclass(frozen=True)
class Key:
    """One inline button: its label and its callback data (at most 64 bytes of UTF-8)."""

    label: str
    data: str


Keyboard = tuple[tuple[Key, ...], ...]


@dataclass(frozen=True)
class TextPart:
    html: str
    keyboard: Keyboard = ()


@dataclass(frozen=True)
class PhotoPart:
    png: bytes
    caption_html: str
    keyboard: Keyboard = ()


Part = TextPart | PhotoPart


def utf16_len(text: str) -> int:
    """Length as Telegram counts it."""
    return len(text.encode("utf-16-le")) // 2


def split_text(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """Split text into parts of at most `limit`, at paragraph boundaries where possible, then at
    line breaks, then after sentences; a part is never empty."""
    text = text.strip()
    if not text:
        return []
    return [part.strip() for part in _split(text, limit, 0) if part.strip()]


def _split(text: str, limit: int, level: int) -> list[str]:
    if utf16_len(text) <= limit:
        return [text]
    if level == len(_BOUNDARIES):
        return _hard_cut(text, limit)
    pattern, joiner = _BOUNDARIES[level]
    parts: list[str] = []
    current = ""
    for piece in pattern.split(text):
        if not piece.strip():
            continue
        for sub in _split(piece, limit, level + 1):
            candidate = f"{current}{joiner}{sub}" if current else sub
            if utf16_len(candidate) <= limit:
                current = candidate
            else:
                parts.append(current)
                current = sub
    if current:
        parts.append(current)
    return parts


def _hard_cut(text: str, limit: int) -> list[str]:
    parts, current, size = [], [], 0
    for char in text:
        width = utf16_len(char)
        if size + width > limit:
            parts.append("".join(current))
            current, size = [], 0
        current.append(char)
        size += width
    parts.append("".join(current))
    return parts


def escape(text: str) -> str:
    """Plain text as Telegram HTML: only <, > and & are special there."""
    return html.escape(text, quote=False)


def render_reply(reply: Reply) -> list[Part]:
    """The messages (and chart photo) that show a reply, the buttons on the last one."""
    language = reply.language
    chunks = split_text(reply.text)
    parts_html = [escape(chunk) for chunk in chunks]
    keyboard = build_keyboard(reply)
    parts: list[Part] = [TextPart(part) for part in parts_html]
    if reply.chart_png:
        parts.append(PhotoPart(reply.chart_png, escape(texts.CHART_CAPTION[language])))
    if parts and keyboard:
        last = parts[-1]
        parts[-1] = (TextPart(last.html, keyboard) if isinstance(last, TextPart)
                     else PhotoPart(last.png, last.caption_html, keyboard))
    return parts


def build_keyboard(reply: Reply) -> Keyboard:
    """Up to three follow-up questions, then the core's buttons (👍 / 👎, "talk to a person", topics...).

    The core owns what a reply offers (its text already names the sources, its buttons carry
    feedback and the hand-over), so the channel only lays them out: nothing is added twice."""
    rows: list[tuple[Key, ...]] = []
    for index, question in enumerate(reply.followups[:MAX_FOLLOWUPS]):
        rows.append((Key(question, followup_data(index, reply.turn_id)),))
    pending: list[Key] = []
    for button in reply.buttons:
        key = Key(button.label, encode(button.action))
        # Short labels (topics, yes/no) two to a row; long ones alone, so phones don't cut them.
        if utf16_len(button.label) > 14:
            rows.append((key,))
            continue
        pending.append(key)
        if len(pending) == 2:
            rows.append(tuple(pending))
            pending = []
    if pending:
        rows.append(tuple(pending))
    return tuple(rows)


def followup_data(index: int, turn_id: int | None) -> str:
    return encode(Followup(index, turn_id if turn_id is not None else 0))


def followup_question(data: str, keyboard: list[list[tuple[str, str | None]]]) -> str | None:
    """The question of a pressed follow-up button, read from the keyboard Telegram sent back
    (rows of (label, callback data)); None when the data is not a follow-up's or the button is gone."""
    try:
        if not isinstance(decode(data), Followup):
            return None
    except ActionError:
        return None
    for row in keyboard:
        for label, button_data in row:
            if button_data == data:
                return label
    return None
