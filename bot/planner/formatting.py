"""Display of money and rates: the one place numbers are rounded (to cents, half up)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
_SYMBOLS = {"CNY": "¥", "RMB": "¥", "USD": "$", "HKD": "HK$", "EUR": "€", "GBP": "£"}


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def money(value: Decimal, currency: str = "CNY") -> str:
    """¥1,234.56; unknown currencies as "1,234.56 XYZ"."""
    text = f"{cents(value):,.2f}"
    symbol = _SYMBOLS.get(currency.upper())
    if symbol is None:
        return f"{text} {currency}"
    return f"-{symbol}{text[1:]}" if text.startswith("-") else f"{symbol}{text}"


def plain(value: Decimal) -> str:
    """Cents as a JSON string without grouping: "1234.50"."""
    return f"{cents(value):.2f}"


def percent(rate: Decimal, places: int = 2) -> str:
    """0.1825 -> "18.25%"."""
    return f"{(rate * 100).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)}%"


def pick(language: str, zh: str, en: str) -> str:
    return zh if language == "zh" else en
