"""The forms a message takes once its disguises are undone, so that the crisis patterns read what was meant.

People, and their phone keyboards, write "ｋｍｓ" (full width), "k m s", "su1c1de", "自-杀", "自😭杀",
"zi sha", "ѕuicide" (a Cyrillic ѕ), "<p>I&nbsp;want&nbsp;to&nbsp;die</p>" or put zero-width
characters inside a word. `plain` undoes what changes no meaning (HTML entities, Unicode compatibility
forms, invisible format characters, accents, look-alike letters); `forms` adds the readings that could
change meaning elsewhere and are only used to look for crisis words: letters spaced out joined up, digits
read as letters inside words, and the marks inside a split crisis word ("自-杀") dropped. None of this
decides anything: it only gives the same patterns more chances to recognise the same words.
"""

from __future__ import annotations

import html
import re
import unicodedata
from urllib.parse import unquote

# Cyrillic, Greek and small-capital letters that look like Latin ones (the common ones, lower case).
_LOOKALIKES = str.maketrans({
    "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t",
    "у": "y", "х": "x", "ѕ": "s", "і": "i", "ј": "j", "ԁ": "d", "ɡ": "g", "ӏ": "l", "ո": "n", "υ": "u",
    "α": "a", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "χ": "x",
    "ᴀ": "a", "ʙ": "b", "ᴄ": "c", "ᴅ": "d", "ᴇ": "e", "ғ": "f", "ɢ": "g", "ʜ": "h", "ɪ": "i", "ᴊ": "j",
    "ᴋ": "k", "ʟ": "l", "ᴍ": "m", "ɴ": "n", "ᴏ": "o", "ᴘ": "p", "ʀ": "r", "ꜱ": "s", "ᴛ": "t", "ᴜ": "u",
    "ᴠ": "v", "ᴡ": "w", "ʏ": "y", "ᴢ": "z",
})
# Squared and negative squared capitals (🄰-🅉, 🅐-🅩, 🅰-🆉) that NFKC leaves alone: where each alphabet starts.
_SQUARED = (0x1F130, 0x1F150, 0x1F170)
_LEET = str.maketrans({"0": "o", "1": "i", "!": "i", "3": "e", "4": "a", "5": "s", "7": "t", "$": "s", "@": "a"})
_LEET_WORD = re.compile(r"[a-z0-9$@!]*[a-z][a-z0-9$@!]*", re.IGNORECASE)
# Three or more single letters with separators between them: "k m s", "s-u-i-c-i-d-e", "d.i.e".
_SPACED = re.compile(r"(?<![a-z])[a-z](?:[\s.\-_*|/·]+[a-z](?![a-z])){2,}", re.IGNORECASE)
# The two characters of a crisis word with up to three symbols, spaces or emoji between them ("自-杀",
# "自😭杀", "跳 楼"); only these pairs are joined, since joining any two Chinese characters makes words
# that were never written ("我想 死亡证明" is not 想死).
_CJK = "\u3400-\u9fff"
_SEPARATOR = rf"[^{_CJK}a-zA-Z0-9]{{1,3}}"
_SPLIT_WORD = re.compile("|".join(f"({a}){_SEPARATOR}({b})" for a, b in (
    ("自", "杀"), ("自", "尽"), ("轻", "生"), ("寻", "死"), ("跳", "楼"), ("割", "腕"), ("烧", "炭"), ("上", "吊"))))
_PERCENT_ENCODED = re.compile(r"(?:%[0-9a-fA-F]{2}){2,}")
MAX_CHARS = 8192  # a Telegram message is at most 4096; anything longer is read up to here


# Full-width Latin letters and digits ("ｋｍｓ", "２万") and the ideographic space; Chinese punctuation
# ("，", "？") is left as it is, since the rest of the code reads it.
_FULL_WIDTH = {code: code - 0xFEE0 for code in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))}
_FULL_WIDTH[0x3000] = ord(" ")


def visible(text: str) -> str:
    """What every reader of a message should see: full-width letters and digits as ASCII, and invisible
    format characters (zero-width, soft hyphen, direction marks) dropped. Meaning-preserving, so the
    search, the classifier and the planner all read it."""
    if text.isascii():
        return text
    return "".join(c for c in text.translate(_FULL_WIDTH) if unicodedata.category(c) != "Cf")


def _squared(char: str) -> str:
    code = ord(char)
    for start in _SQUARED:
        if start <= code < start + 26:
            return chr(ord("a") + code - start)
    return char


def plain(text: str) -> str:
    """The text without disguises that change no meaning: HTML entities and tags' entities decoded,
    compatibility forms (full width, circled letters) folded, format characters (zero-width, soft
    hyphen, direction marks) and accents dropped, look-alike letters made Latin."""
    text = html.unescape(text[:MAX_CHARS])
    if "%" in text:  # "自%E6%9D%80": percent-encoded UTF-8
        text = _PERCENT_ENCODED.sub(lambda m: unquote(m.group(0)), text)
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(c for c in decomposed if unicodedata.category(c) not in ("Cf", "Mn", "Me"))
    folded = unicodedata.normalize("NFKC", kept)
    if not folded.isascii():
        folded = "".join(_squared(c) for c in folded) if any(0x1F130 <= ord(c) < 0x1F18A for c in folded) else folded
        folded = folded.translate(_LOOKALIKES)
    return folded


def forms(text: str) -> tuple[str, ...]:
    """`plain(text)` and the readings that only the crisis patterns use (see the module docstring). Not
    cached: the raw message, personal data and all, would stay in process memory."""
    base = plain(text)
    joined = _SPACED.sub(lambda m: re.sub(r"[^a-z]", "", m.group(0), flags=re.IGNORECASE), base)
    unleet = _LEET_WORD.sub(lambda m: m.group(0).translate(_LEET) if not m.group(0).isalpha() else m.group(0), joined)
    glued = _SPLIT_WORD.sub(lambda m: "".join(g for g in m.groups() if g), unleet)
    misspelt = glued
    for pattern, meant in _TYPOS:
        misspelt = pattern.sub(meant, misspelt)
    return tuple(dict.fromkeys((text[:MAX_CHARS], base, joined, unleet, glued, misspelt)))


# Crisis words as a hurried thumb or an input method misspells them (stop 32 red team: "end my lfe tonight", "i want to kil
# myself", "thinking about suicde", "想跳搂", "不想huo了", "不想或了" were all missed, spelled right all caught). Only
# misspellings that are no other word: "give" is not "live", "bill" not "kill".
_TYPOS = tuple((re.compile(pattern, re.IGNORECASE), meant) for pattern, meant in (
    (r"\b(?:suicde|sucide|suicid|suiside|suicie|suiced|suecide|suacide|sucicide|suicdie|siucide|suicede|sucied)\b", "suicide"),
    (r"\b(?:suicdal|sucidal|suicidial|suisidal|suicidle|suicadal)\b", "suicidal"),
    (r"\b(?:kil|kll|kiil|kilk|kikl)\s+(?=my\s?self\b|mysef\b|myslef\b|mysel\b)", "kill "),
    (r"\bmy\s?(?:sef|slef|sel|selg|sefl|seld)\b", "myself"),
    (r"\b(end(?:ing)?|take|taking) my (?:lfe|lief|lif|llife|lyfe|liife|lfie)\b", r"\1 my life"),
    (r"\b(?:pils|pillz|pilss)\b", "pills"),
    (r"跳[搂喽篓娄]", "跳楼"), (r"不想(?:[或火伙获霍]|\s?huo)(?=了|$|[，,。.!！\s])", "不想活"), (r"自沙(?!发|滩)", "自杀"),
    (r"活[不部]下去", "活不下去"),
))
