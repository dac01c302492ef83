"""Traditional Chinese in, Simplified for everything after: the library, the patterns and the answers are Simplified."""

from __future__ import annotations

import re
from collections.abc import Callable

Converter = Callable[[str], str]

_CJK = re.compile(r"[\u3400-\u9fff]")


def opencc_converter() -> Converter:
    """OpenCC's Traditional-to-Simplified conversion (dictionaries bundled, works offline), loaded on first use."""
    import opencc  # imported here: only the composition root decides to use it

    return opencc.OpenCC("t2s").convert


def to_simplified(text: str, convert: Converter | None) -> tuple[str, bool]:
    """The text in Simplified Chinese, and whether it was written in Traditional."""
    if convert is None or not _CJK.search(text):
        return text, False
    converted = convert(text)
    return converted, converted != text
