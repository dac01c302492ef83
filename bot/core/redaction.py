"""Mask personal data (ID, mobile, bank card numbers, e-mail) before text leaves the core or is stored."""

from __future__ import annotations

import re

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_ID = re.compile(r"(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])")
# Card numbers are often written in groups of four separated by spaces or dashes.
_CARD = re.compile(r"(?<![0-9])\d(?:[ -]?\d){15,18}(?![0-9])")
_MOBILE = re.compile(r"(?<![0-9])(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d){8}(?![0-9])")

MASKS = {"id": "[身份证号]", "card": "[银行卡号]", "mobile": "[手机号]", "email": "[邮箱]"}


def is_valid_id_number(number: str) -> bool:
    """True for an 18-character mainland resident ID number whose check character is right."""
    if not re.fullmatch(r"\d{17}[0-9Xx]", number):
        return False
    total = sum(int(digit) * weight for digit, weight in zip(number[:17], _ID_WEIGHTS))
    return _ID_CHECK[total % 11] == number[17].upper()


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


def _mask_ids(text: str) -> str:
    return _ID.sub(lambda m: MASKS["id"] if is_valid_id_number(m.group()) else m.group(), text)


def _mask_cards(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        digits = re.sub(r"[ -]", "", match.group())
        if 16 <= len(digits) <= 19 and passes_luhn(digits):
            return MASKS["card"]
        return match.group()

    return _CARD.sub(replace, text)


def mask(text: str) -> str:
    """The text with personal data replaced by placeholders such as [手机号]."""
    if not text:
        return text
    text = _EMAIL.sub(MASKS["email"], text)
    text = _mask_ids(text)
    text = _mask_cards(text)
    return _MOBILE.sub(MASKS["mobile"], text)
