"""Requests for help to break the law: hide assets from a court, borrow in someone else's name, forge a document, hurt a
collector. Refused, with why and what can be done instead (stop 31 red team: each got an article or "no article on that",
the enforcement article read as a guide).

Only a request or an intention said by the writer counts ("怎么…", "教我…", "我想…", "how do I…", "I'm going to…"); a
report of someone else's doing ("催收说要伪造…", "they faked my signature") is a question for the library.
"""

from __future__ import annotations

import re

_ASKS = (r"(?:怎么(?!办)|如何|怎样|教我|教教我|帮我|我想|我要|我打算|我准备|能不能|可以|有没有办法|有什么办法|"
         r"\bhow (?:do|can|could|would|to|should)\b|\bhelp me\b|\bteach me\b|\bi(?:'m| am)? ?(?:want|going|gonna|plan|planning) to\b|"
         r"\bi'?ll\b|\bcan i\b|\bshould i\b|\bis there a way to\b)")
_KINDS = (
    ("evade", re.compile(
        r"(?:转移|藏|转到|过户|挪到|放到)[^。！？?!]{0,16}(?:财产|房子|房产|存款|钱|车|资产)[^。！？?!]{0,20}"
        r"(?:执行不了|不被执行|躲(?:避)?执行|逃避|法院查不到|查不到|不用还|冻结不了)|"
        r"(?:财产|房子|房产|存款|钱|车|资产)[^。！？?!]{0,6}(?:转移|藏起来|转走|转到|转给|挪到|过户)[^。！？?!]{0,20}(?:执行|法院|不用还)|"
        r"\b(?:hide|move|transfer|shelter|put)\b[^.!?]{0,30}\b(?:assets|money|savings|house|property|car)\b[^.!?]{0,40}"
        r"\b(?:from|so|before)\b[^.!?]{0,20}\b(?:court|creditors?|judgment|garnish\w*|collectors?|they can'?t)",
        re.IGNORECASE)),
    ("fraud", re.compile(
        r"(?:用|拿|借)(?:别人|朋友|家人|他人|我[爸妈哥姐弟妹]|亲戚)的?(?:身份证|身份|名义|信息)[^。！？?!]{0,10}(?:借|贷|办|申请)|冒用|"
        r"伪造|造假|做假|弄个假的?|假的?(?:证明|材料|流水|工资条|病历|合同|判决书)|P图|p一张|"
        r"\b(?:forge|fake|fabricate|doctor|photoshop|make up)\b[^.!?]{0,15}\b(?:a |an |my |some )?(?:documents?|certificates?|"
        r"pay ?stubs?|bank statements?|letters?|medical|doctor'?s note|proof|id|paperwork|records?)\b|"
        r"\b(?:someone else'?s|my (?:friend|brother|sister|mom|dad|cousin)'?s) (?:id|identity|ssn|social security|name)\b"
        r"[^.!?]{0,20}\b(?:borrow|loan|apply|open|get)", re.IGNORECASE)),
    ("violence", re.compile(
        r"(?:教训|打|揍|收拾|弄|砍|捅)(?:他|她|他们|那个催收|催收的?)(?:一顿|一下)?|找人(?:打|揍|收拾|弄)|"
        r"\b(?:beat|punch|hurt|stab|attack|teach)\b[^.!?]{0,10}\b(?:him|her|them|that collector|the collector)\b[^.!?]{0,10}"
        r"(?:up|a lesson)?", re.IGNORECASE)),
)
_ASKS_RE = re.compile(_ASKS, re.IGNORECASE)


def wrongdoing_asked(text: str) -> str | None:
    """"evade", "fraud" or "violence" when the message asks for help with it or says the writer means to do it; else None."""
    text = (text or "")[:600]
    for kind, pattern in _KINDS:
        act = pattern.search(text)
        # asked before the act is named: "怎么伪造…", not "催收说我伪造了材料，怎么办"
        if act is not None and _ASKS_RE.search(text[:act.start() + 2]):
            return kind
    return None
