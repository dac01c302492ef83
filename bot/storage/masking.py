"""Stored text and JSON (transcripts, history, a repayment profile, a wizard's answers) is masked: no row keeps personal data."""

from __future__ import annotations

from typing import Any

from bot.core.redaction import mask


def masked(data: Any) -> Any:
    """`data` with every string in it masked (ID, mobile, card numbers, e-mail); numbers are left alone."""
    if isinstance(data, str):
        return mask(data)
    if isinstance(data, dict):
        return {key: masked(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [masked(value) for value in data]
    return data
