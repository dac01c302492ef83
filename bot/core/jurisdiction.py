"""Which country's rules a question asks about, when it names one: "美国的催收……", "in shanghai ...".

Articles carry a `jurisdiction` (CN, US or general). A question that names a country should be answered
from that country's article even when it is written in the other language: the embedder ranks
same-language chunks first, so "美国的逾期记录保留几年" would otherwise get the Chinese article on
China's 5-year rule. Only what the question names counts; nothing is guessed from its language.
"""

from __future__ import annotations

import re

_NAMES = {
    # "US" only in capitals: "us" is a pronoun.
    "US": re.compile(r"美国|美國|加州|纽约|德州|佛州|(?<![A-Za-z])(?:US|U\.S\.A?\.?|USA)(?![A-Za-z])|"
                     r"(?i:\bamerica(?:n|ns)?\b|\bunited states\b|\bFDCPA\b|\bFCRA\b|\bCFPB\b|"
                     r"\b(?:california|texas|florida|new york|illinois|ohio|georgia|washington state|new jersey)\b|"
                     # "in the us" in lower case (stop 29 red team: "jail… in the us" got China's rules); terms only the US
                     # uses: payday loans, debt buyers, FICO, 401(k), Chapter 7 / 13, the IRS, wage garnishment
                     r"\bthe us\b|\bpayday (?:loan|lender)s?\b|\bdebt buyers?\b|\bfico\b|\b401\(?k\)?|"
                     r"\bchapter (?:7|13)\b|\birs\b|\bgarnish\w*)"),
    "CN": re.compile(r"中国|中國|大陆|内地|国内|上海|北京|深圳|广州|人民银行|央行征信|"
                     r"(?i:\bchina\b|\bchinese\b|\bmainland\b|\bPRC\b|\bshanghai\b|\bbeijing\b|\bshenzhen\b|"
                     r"\bguangzhou\b|\brenhang\b|\byuan\b|\bRMB\b)"),
}


def named_jurisdiction(question: str) -> str | None:
    """CN or US when the question names exactly one of them, else None."""
    named = [code for code, pattern in _NAMES.items() if pattern.search(question)]
    return named[0] if len(named) == 1 else None


# What hints at a country without naming it: its money, its apps and its accounts. A hint only reorders the top articles
# (`Retriever`); a question is declined for the wrong country's article only when it names one.
_HINTS = {
    "US": re.compile(r"\$\s?\d|\b(?:USD|dollars?|bucks|checking account|savings account|SSN|FICO|credit score|Zelle|Venmo|"
                     r"Discover|Capital One|Chase|Wells Fargo|Citi|Amex|American Express|Synchrony)\b", re.IGNORECASE),
    "CN": re.compile(r"[¥￥]\s?\d|元|块钱|人民币|花呗|借呗|微粒贷|京东白条|支付宝|微信|征信|网贷|\b(?:RMB|CNY|yuan)\b", re.IGNORECASE),
}


def hinted_jurisdiction(text: str) -> str | None:
    """CN or US when the text names one, else when it hints at exactly one (its money, apps, lenders); else None."""
    named = named_jurisdiction(text)
    if named is not None:
        return named
    hinted = [code for code, pattern in _HINTS.items() if pattern.search(text)]
    return hinted[0] if len(hinted) == 1 else None
