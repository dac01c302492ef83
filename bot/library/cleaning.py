"""Cleaning of text editors paste from web pages, before it is chunked and embedded.

Scraped Chinese articles carry noise that would end up in answers: pinyin readings inside words
(`導(dǎo)語(yǔ)`), the editor's byline (`責任編輯:田劍微`), boilerplate disclaimers (`特別聲明:...`), a
contact footer for take-down requests, phone numbers and e-mail addresses. `clean_text` removes
them and normalises white space; Markdown structure (headings, lists, indentation) is kept.

Phone numbers removed are mobile numbers and landlines with an area code; short official service
numbers (12378, 12356, 110, 95588, 400-...) are kept because articles cite them on purpose.
"""

from __future__ import annotations

import re

_HAN = r"[\u3400-\u9fff\uf900-\ufaff]"
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN_LETTERS = f"a-zü{_TONED}"

# A reading right after a Chinese character: 導(dǎo). With tone marks it is unambiguous.
_TONED_READING = re.compile(rf"(?<={_HAN})[(（][{_PINYIN_LETTERS}]*[{_TONED}][{_PINYIN_LETTERS}]*[)）]")
# Neutral-tone readings (的(de)) look like ordinary words in brackets; removed only in a text that
# is visibly annotated (several toned readings), and only when they are a plausible syllable.
_PLAIN_READING = re.compile(
    rf"(?<={_HAN})[(（](?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?[aeiouü][a-zü]{{0,4}}[)）]"
)
# A reading whose character and opening bracket were lost in scraping: `?jīng)_`.
_BROKEN_READING = re.compile(rf"\?[{_PINYIN_LETTERS}]*[{_TONED}][{_PINYIN_LETTERS}]*[)）]_?")

_BYLINE = re.compile(
    r"^\s*(?:[(（\[【]\s*)?(?:责任编辑|責任編輯|编辑|編輯|小编|小編|作者|撰稿|撰文|校对|校對|审核|審核|"
    r"Editor|Edited by|Author|By)\s*[:：]\s*\S.{0,30}$",
    re.I,
)
_DISCLAIMER = re.compile(
    r"^\s*(?:[(（\[【]\s*)?(?:特别声明|特別聲明|免责声明|免責聲明|版权声明|版權聲明|声明|聲明|"
    r"Disclaimer)\s*[:：]",
    re.I,
)
_FOOTER = re.compile(
    r"侵权|侵權|删帖|刪帖|举报|舉報|联系方式|聯系方式|聯繫方式|版权所有|版權所有|转载请注明|轉載請注明|"
    r"本站仅提供|本站僅提供|All rights reserved"
)
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_PHONE = re.compile(
    r"(?<![\d.])(?:(?:\+|00)?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?![\d.])"  # mobile
    r"|(?<![\d.])(?:\(0\d{2,3}\)|0\d{2,3})[- ]?[2-8]\d{6,7}(?![\d.])"  # landline with area code
)
_QQ = re.compile(r"(?:QQ|qq|微信|WeChat)\s*(?:号|號)?\s*[:：]?\s*[A-Za-z0-9_-]{5,20}")
_CONTACT_LABEL = re.compile(
    r"^\W*(?:联系)?(?:电话|電話|手机|手機|座机|座機|邮箱|郵箱|电子邮件|電子郵件|微信|QQ|Tel|Phone|E-?mail|Contact)\W*$", re.I
)
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[ \t\u00a0\u3000\u2002\u2003\u2009]+")
_HAN_GAP = re.compile(rf"(?<={_HAN}) +(?={_HAN})")
_EMPTY_BRACKETS = re.compile(r"[(（]\s*[)）]|[:：]\s*$")
# Half-width punctuation between Chinese characters (common in pasted text) becomes full-width, so
# the text reads normally and the chunker sees sentence ends.
_HALF_PUNCT = re.compile(rf"(?<={_HAN})([,;:?!])(?={_HAN}|$)", re.M)
_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}


def remove_pinyin(text: str) -> str:
    """Drop pinyin readings glued to Chinese characters: 導(dǎo)語(yǔ) -> 導語."""
    annotated = len(_TONED_READING.findall(text)) >= 3
    text = _TONED_READING.sub("", text)
    text = _BROKEN_READING.sub("", text)
    if annotated:
        text = _PLAIN_READING.sub("", text)
    return text


def _is_noise_line(line: str) -> bool:
    return bool(_BYLINE.match(line) or _DISCLAIMER.match(line) or _FOOTER.search(line))


def _normalise_line(line: str) -> str:
    indent = len(line) - len(line.lstrip(" "))
    body = _SPACES.sub(" ", line.strip())
    body = _HAN_GAP.sub("", body)
    body = _HALF_PUNCT.sub(lambda m: _FULL[m.group(1)], body)
    # Keep Markdown indentation (nested lists, code) but nothing after the text.
    return (" " * indent if body else "") + body


def clean_text(text: str) -> str:
    """The text without pinyin, bylines, disclaimers, footers, contacts, and with tidy white space."""
    text = _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = remove_pinyin(text)
    lines: list[str] = []
    for line in text.split("\n"):
        if _is_noise_line(line):
            continue
        stripped = _QQ.sub("", _PHONE.sub("", _EMAIL.sub("", line)))
        if stripped != line:
            stripped = _EMPTY_BRACKETS.sub("", stripped.rstrip())
            if not stripped.strip() or _CONTACT_LABEL.match(stripped):  # nothing left but a label
                continue
        stripped = _normalise_line(stripped)
        if _is_noise_line(stripped):  # a byline that only looks like one once tidied up
            continue
        lines.append(stripped)
    cleaned = "\n".join(lines)
    cleaned = re.sub(r"\n{3,}", "\n\n", cleaned)
    return cleaned.strip("\n")


_CN_SECTION = re.compile(r"^[一二三四五六七八九十百]+[、.．]\s*\S")
_NUMBERED_SECTION = re.compile(r"^\d+\.\d+\s+\S")
_LIST_ITEM = re.compile(r"^\d+\.\s")


def pasted_to_markdown(text: str) -> tuple[str, str]:
    """A pasted web article as (title, Markdown body).

    The first line is the title; lines right after it that merely repeat its beginning (the page's
    breadcrumb) are dropped. `一、...` lines become `##` headings and `1.1 ...` lines `###`
    headings; every other line is a paragraph of its own (web pages put one paragraph per line),
    except that consecutive numbered items stay one list.
    """
    lines = [line.strip() for line in clean_text(text).split("\n") if line.strip()]
    if not lines:
        return "", ""
    title, rest = lines[0], lines[1:]
    while rest and title.startswith(rest[0]):
        rest = rest[1:]
    blocks: list[str] = []
    for line in rest:
        if _CN_SECTION.match(line) and len(line) <= 40:
            blocks.append(f"## {line}")
        elif _NUMBERED_SECTION.match(line) and len(line) <= 40:
            blocks.append(f"### {line}")
        elif blocks and _LIST_ITEM.match(line) and _LIST_ITEM.match(blocks[-1].split("\n")[-1]):
            blocks[-1] += "\n" + line
        else:
            blocks.append(line)
    return title, "\n\n".join(blocks) + "\n"
