"""Mask personal data (IDs, mobiles, bank cards, e-mail, WeChat/QQ ids, addresses) before text leaves the core.

Matching runs on a width-normalised (NFKC) copy of the text, so full-width digits and "＠" are found,
while the replacement is made in the original text (Chinese punctuation stays as the user wrote it).
Every detector looks at the same normalised copy and the spans they find are resolved once, by
priority, before anything is replaced: one mask can never cut into another ("110105 [手机号]X").
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from bot.planner.per_message import per_message

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
# First two digits of a resident ID: the province-level division.
_PROVINCES = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
              53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83, 91}

_PLACEHOLDER = re.compile(r"\[(?:身份证号|银行卡号|手机号|邮箱|微信号|QQ号|地址)\]")

MASKS = {"id": "[身份证号]", "card": "[银行卡号]", "mobile": "[手机号]", "email": "[邮箱]",
         "wechat": "[微信号]", "qq": "[QQ号]", "address": "[地址]"}

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")

# A run of digit groups joined by single separators (space, dot, dash, underscore): the way people
# write IDs, cards and phone numbers. Entities are looked for on group boundaries only.
_SEPARATOR = r"(?:[ \t]{1,2}|[ \t]?[.\-_][ \t]?)"
_RUN = re.compile(rf"(?<![0-9])\+?\d+[Xx]?(?:{_SEPARATOR}\d+[Xx]?)*")
_GROUP = re.compile(r"\+?\d+[Xx]?")
_COUNTRY_CODES = ("+86", "86", "0086", "+0086")
_LONGEST = 24
_SHORTEST = 11  # a mobile's digits; IDs (15, 18) and cards (16-19) are longer

_LABEL_TAIL = r"[ \t]*(?:号码|号|账号|id|ID)?[ \t]*(?:[:：=]|是|为|is|:)?[ \t]*"
_NOT_AN_AMOUNT = r"(?![0-9]*[ \t]*(?:元|块|万|千|百|%|期|天|个月|月|年|日|岁|次|笔|w|k|K))"
_WECHAT = re.compile(
    rf"(?:微信|威信|薇信|[Vv]信|(?<![A-Za-z])(?:weixin|wechat|wx|vx)(?![A-Za-z])){_LABEL_TAIL}"
    rf"(?P<value>[A-Za-z0-9][A-Za-z0-9_-]{{4,19}})(?![A-Za-z0-9_-]){_NOT_AN_AMOUNT}",
    re.IGNORECASE,
)
_LABELLED = re.compile(r"号|id|[:：=]|是|为|\bis\b", re.IGNORECASE)
_WECHAT_WORDS = frozenset("contacts contact friends friend group groups account accounts messages message chats chat moments "
                          "wallet payment payments transfer transfers pay app calls call voice video list people family "
                          "coworkers colleagues classmates about again too also because since".split())
_QQ = re.compile(
    rf"(?:扣扣|(?<![A-Za-z])qq(?![A-Za-z])){_LABEL_TAIL}(?P<value>[1-9]\d{{4,11}})(?![0-9]){_NOT_AN_AMOUNT}",
    re.IGNORECASE,
)

# Characters that end a place name's lead-in ("我家在北京市..." masks from 北).
_PLACE = r"[^\s\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f，。、；：！？（）《》“”‘’在我你他她住是的了到去和与从把被给向寄送往]"
_ROAD = r"(?:路|街|大道|大街|巷|弄|胡同)"
_BUILDING = r"(?:室|楼|栋|幢|座|单元|层|号|房|户)"
_ADDRESS = re.compile(
    rf"{_PLACE}{{0,12}}?(?:省|自治区|市|区|县|镇|乡|村)?{_PLACE}{{0,12}}?{_ROAD}[ \t]*\d{{1,5}}[ \t]*(?:号|弄|號)"
    rf"(?:[ \t]*(?:[A-Za-z0-9\-]{{1,6}}|{_PLACE}{{1,6}}?)[ \t]*{_BUILDING})*"
)
# What every _ADDRESS match contains: a cheap test first, as _ADDRESS's lazy place names backtrack on every character.
_ROAD_NUMBER = re.compile(rf"{_ROAD}[ \t]*\d{{1,5}}[ \t]*(?:号|弄|號)")
_ADDRESS_LABEL = re.compile(
    r"(?:地址|住址|家庭住址|家住|住在|居住在|收货地址)[ \t]*(?:是|为|[:：])?[ \t]*"
    r"(?P<value>[^，。,;；!！?？\n]{2,60})"
)
_PLACE_MARK = re.compile(r"省|市|区|县|镇|乡|村|路|街|巷|弄|号|室|栋|楼|单元|小区|花园|公寓")
_ADDRESS_EN = re.compile(
    r"\b\d{1,5}[ \t]+(?:[A-Z][A-Za-z]+[ \t]+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|"
    r"Way|Court|Ct|Place|Pl)\b\.?(?:,?[ \t]*(?:Apt|Unit|Flat|Suite)\.?[ \t]*\w+)?"
)


def is_valid_id_number(number: str) -> bool:
    """True for an 18-character mainland resident ID number whose check character is right."""
    if not re.fullmatch(r"\d{17}[0-9Xx]", number):
        return False
    total = sum(int(digit) * weight for digit, weight in zip(number[:17], _ID_WEIGHTS))
    return _ID_CHECK[total % 11] == number[17].upper()


def is_valid_old_id_number(number: str) -> bool:
    """True for a 15-digit ID number (issued before 1999): a province code and a real 19YY birth date."""
    if not re.fullmatch(r"\d{15}", number) or int(number[:2]) not in _PROVINCES:
        return False
    try:
        dt.date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]))
    except ValueError:
        return False
    return True


def passes_luhn(digits: str) -> bool:
    """The Luhn checksum every payment card number satisfies."""
    if not digits.isdigit():
        return False
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _is_mobile(digits: str, plus: bool) -> bool:
    for prefix in ("0086", "86", ""):
        if digits.startswith(prefix) and re.fullmatch(r"1[3-9]\d{9}", digits[len(prefix):]):
            return bool(prefix) or not plus
    return False


def _has_birth_date(number: str) -> bool:
    try:
        dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return 1800 <= int(number[6:10])


def _card_grouping(groups: list[str]) -> bool:
    """Card numbers are written 4-4-4-4(-3) or 6-13; anything else is more likely two numbers side by side."""
    sizes = [len(g) for g in groups]
    return len(sizes) == 1 or all(s == 4 for s in sizes[:-1]) or (len(sizes) == 2 and sizes[0] == 6)


def _kind_of(groups: list[str]) -> str | None:
    """What a run of digit groups is, if it is personal data."""
    # Numbers are written in short groups; a long group next to another is two separate numbers.
    rest = groups[1:] if groups[0] in _COUNTRY_CODES else groups
    if len(rest) > 1 and any(len(g) > 8 for g in rest):
        return None
    joined = "".join(groups)
    plus = joined.startswith("+")
    digits = joined.lstrip("+")
    if "+" in digits:
        return None
    if not plus and is_valid_id_number(digits) and _has_birth_date(digits):
        return "id"
    if not digits.isdigit():
        return None
    if not plus and 16 <= len(digits) <= 19 and _card_grouping(groups) and passes_luhn(digits):
        return "card"
    if not plus and is_valid_old_id_number(digits):
        return "id"
    return "mobile" if _is_mobile(digits, plus) else None


def _number_spans(text: str) -> list[tuple[int, int, str]]:
    """IDs, cards and mobiles: the longest run of whole digit groups that is one of them, left to right."""
    spans = []
    for run in _RUN.finditer(text):
        if run.end() - run.start() < _SHORTEST:
            continue  # "5年", "30%", a date: too few digits for any of them
        groups = [(m.start() + run.start(), m.end() + run.start(), m.group()) for m in _GROUP.finditer(run.group())]
        i = 0
        while i < len(groups):
            # No entity is longer than a country code and 19 digits: look no further than that.
            last, length = i, len(groups[i][2])
            while last + 1 < len(groups) and length + len(groups[last + 1][2]) <= _LONGEST:
                last += 1
                length += len(groups[last][2])
            for j in range(last, i - 1, -1):
                kind = _kind_of([g[2] for g in groups[i:j + 1]])
                if kind:
                    spans.append((groups[i][0], groups[j][1], kind))
                    i = j + 1
                    break
            else:
                i += 1
    return spans


def _labelled_spans(text: str) -> list[tuple[int, int, str]]:
    # an English word after "wechat" with no label is no ID ("my wechat contacts": stop 29 red team, masked as "[微信号]" the
    # question read as a crisis); after 号 / id / ":" it is one whatever it spells
    spans = [(m.start("value"), m.end("value"), "wechat") for m in _WECHAT.finditer(text)
             if not (m.group("value").lower() in _WECHAT_WORDS and not _LABELLED.search(text[m.start():m.start("value")]))]
    spans += [(m.start("value"), m.end("value"), "qq") for m in _QQ.finditer(text)]
    return spans


def _address_spans(text: str) -> list[tuple[int, int, str]]:
    spans = [(m.start("value"), m.end("value"), "address") for m in _ADDRESS_LABEL.finditer(text)
             if _PLACE_MARK.search(m.group("value"))]
    if _ROAD_NUMBER.search(text):
        spans += [(m.start(), m.end(), "address") for m in _ADDRESS.finditer(text)]
    spans += [(m.start(), m.end(), "address") for m in _ADDRESS_EN.finditer(text)]
    return spans


@lru_cache(maxsize=8192)
def _nfkc(char: str) -> str:
    """One character's NFKC form (cached: a message repeats the few hundred characters people type)."""
    return unicodedata.normalize("NFKC", char) if ord(char) > 0x7F else char


def _normalised(text: str) -> tuple[str, Sequence[int]]:
    """The NFKC form of the text, and for each of its characters the index of the original character."""
    normal = "".join(map(_nfkc, text))
    if len(normal) == len(text):  # no character became two: the positions are the original ones
        return normal, range(len(text))
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        form = unicodedata.normalize("NFKC", char) if ord(char) > 0x7F else char
        chars.append(form)
        origin.extend([index] * len(form))
    return "".join(chars), origin


def _blank(text: str, spans: list[tuple[int, int, str]]) -> str:
    for start, end, _ in spans:
        text = text[:start] + "\x00" * (end - start) + text[end:]
    return text


@per_message()
def mask(text: str) -> str:
    """The text with personal data replaced by placeholders such as [手机号]; amounts and dates stay.

    Remembered for one message only (bot.planner.per_message): a process-wide cache would keep the last messages' phone
    numbers and ID numbers in memory."""
    if not text:
        return text
    normal, origin = _normalised(text)
    # Placeholders already in the text (masked twice) stay as they are and hide their label-like words.
    taken: list[tuple[int, int, str]] = [(m.start(), m.end(), "") for m in _PLACEHOLDER.finditer(normal)]
    # Highest priority first; each later detector sees the earlier finds blanked out.
    for find in (lambda t: [(m.start(), m.end(), "email") for m in _EMAIL.finditer(t)],
                 _labelled_spans, _address_spans, _number_spans):
        for span in sorted(find(_blank(normal, taken))):
            if all(span[1] <= s or span[0] >= e for s, e, _ in taken):
                taken.append(span)
    out = text
    for start, end, kind in sorted((s for s in taken if s[2]), reverse=True):
        first, last = origin[start], origin[end - 1]
        out = out[:first] + MASKS[kind] + out[last + 1:]
    return out
