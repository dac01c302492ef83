"""What borrowers say when they ask what a loan's rate costs, whether it is normal, or whether it is legal (zh / en).

One vocabulary for every decision that reads such a question, so a word learned from a red team is learned
everywhere: the decline decision (bot.core.answerability: a rate question is in scope), the worked numbers
(bot.core.worked: a stated daily or monthly rate turned into a year's, an offer missing its periods), and the
planner's claim on an offer (bot.core.plan_conversation: its true rate answers the question). Each pattern
below is built from the word groups it needs; meaning decides first elsewhere, these are the complement.
"""

from __future__ import annotations

import re


def _words(*groups: str) -> str:
    return "|".join(groups)


# Whether it is legal ("合法吗", "是不是高利贷", "is that usury")
LEGALITY_ZH = "合法|违法|犯法|非法|正规|高利贷|受保护|法律保护|受法律|高炮|砍头息|(?<!\\d)714(?!\\d)"
LEGALITY_EN = r"\b(?:legal(?:ly)?|illegal|lawful|legit|usury|usurious|loan ?shark)\b|usur|enforceable"
# Whether it is too dear or normal ("高吗", "太狠了", "3 percent monthly thats insane right??": stop 24 red team)
JUDGED_ZH = "高吗|高不高|算高|太高|贵|贵不贵|划算|正常|坑|离谱|过分|太狠|吓人"
JUDGED_EN = (r"\b(?:expensive|normal|insane|crazy|ridiculous|outrageous|steep|predatory|rip[- ]?off|good deal)\b|"
             r"too (?:much|high)")
# The rate itself ("利率", "日息", "APR")
RATE_ZH = "利率|利息|年化|日息|月息|分利|千分之|万分之"
RATE_EN = r"\b(?:apr|interest|rate)\b"
# A year's figure asked for ("换算成年化", "per year")
YEARLY_ZH = "年化|年利率|一年|每年|换算|折合|折算|算下来"
YEARLY_EN = r"\b(?:apr|annual|a year|per year|yearly)\b"
# How much ("多少", "how much")
HOW_MUCH = r"多少|\bhow much\b"

# A question whether a stated rate is legal: the 4x LPR cap and whom it binds answer it (bot.core.plan_answers).
ASKS_LEGALITY = re.compile(_words(LEGALITY_ZH, LEGALITY_EN), re.IGNORECASE)
# A question whether a loan's rate is legal or normal, with the cap's own words ("上限", "红线", "cap", "max").
LEGAL_OR_NORMAL = re.compile(_words(LEGALITY_ZH, LEGALITY_EN, JUDGED_ZH, JUDGED_EN,
                                    r"保护上限|上限|红线|超过|不用还|正常不|\bcap(?:ped)?\b|\ballowed\b|\blimit\b|"
                                    r"\bmax(?:imum)?\b"), re.IGNORECASE)
# The question names a rate: a loan's rate word, or a percentage by the day, week or month ("rate" alone is not one:
# an exchange rate, a success rate).
RATE_WORD = re.compile(_words(RATE_ZH, r"\bapr\b|\binterest(?:s|\b)", r"\d\s*(?:%|％|percent)\s*(?:(?:a|per|each|every)\s*(?:day|week|month)|"
                                                r"daily|weekly|monthly)"), re.IGNORECASE)
# A stated daily or monthly rate asked about as a year's figure, or judged.
ASKS_ANNUAL = re.compile(_words(YEARLY_ZH, YEARLY_EN, LEGALITY_ZH, LEGALITY_EN, JUDGED_ZH, JUDGED_EN, HOW_MUCH, r"\bhigh\b"),
                         re.IGNORECASE)
# An offer's rate asked about (its periods may be missing).
ASKS_RATE = re.compile(_words(RATE_ZH, RATE_EN, LEGALITY_ZH, LEGALITY_EN, JUDGED_ZH, JUDGED_EN), re.IGNORECASE)
# An offer's cost asked about, in any words a borrower judges a price with ("靠谱吗", "is that ok").
ASKS_COST = re.compile(_words(RATE_ZH, RATE_EN, LEGALITY_ZH, LEGALITY_EN, JUDGED_ZH, JUDGED_EN, HOW_MUCH,
                              r"合适|合理|值得|值不值|超标|靠谱|能接受|行不行|"
                              r"\b(?:deal|fair|worth|cost|ok|okay|good|bad|high|acceptable|scam|reasonable)\b"),
                       re.IGNORECASE)
