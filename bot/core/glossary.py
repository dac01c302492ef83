"""A small zh/en glossary of the library's terms, so a question can also be searched in the other language.

multilingual-e5-small ranks same-language chunks far above the other language's, so a Chinese
question about US rules never reaches the English article. Searching a second time with the
question's key terms translated by this glossary lets it.
"""

from __future__ import annotations

import re

# (Chinese pattern, English pattern, Chinese term, English term)
_PAIRS: tuple[tuple[str, str, str, str], ...] = (
    (r"逾期|晚还|迟还", r"overdue|late payment|missed payment|past due", "逾期", "late payment"),
    (r"征信|信用报告|信用记录", r"credit report|credit record|credit history|zhengxin", "征信", "credit report"),
    (r"催收|催债", r"collector|collection agency|debt collection", "催收", "debt collector"),
    (r"罚息|违约金", r"penalty interest|penalty", "罚息", "penalty interest"),
    (r"滞纳金", r"late fee", "滞纳金", "late fee"),
    (r"分期|个性化分期", r"installment|instalment|payment plan", "分期", "payment plan"),
    (r"协商|谈", r"negotiat\w*", "协商", "negotiate"),
    (r"起诉|法院|打官司", r"\bsue\b|sued|lawsuit|court", "起诉", "lawsuit court"),
    (r"坐牢|被抓|抓人", r"arrest\w*|jail|prison", "坐牢", "arrested jail"),
    (r"通讯录|联系人", r"contacts|phone book", "通讯录", "contacts"),
    (r"骚扰|威胁|恐吓", r"harass\w*|threat\w*", "骚扰", "harassment"),
    (r"美国", r"\bUS\b|\bU\.S\.|america\w*|united states", "美国", "US"),
    (r"信用卡", r"credit card", "信用卡", "credit card"),
    (r"网贷|借款app|贷款app", r"loan app|online loan", "网贷", "online loan app"),
    (r"老板|单位|领导|同事", r"boss|employer|work|colleague\w*", "单位 同事", "employer"),
    (r"家人|老公|老婆|父母|爸妈", r"family|husband|wife|parents|mum|mom", "家人", "family"),
    (r"宽限期", r"grace period", "宽限期", "grace period"),
    (r"债务整合|整合贷款", r"consolidat\w*|balance transfer", "债务整合", "debt consolidation"),
    (r"诈骗|骗局|骗子", r"scam\w*|fraud", "诈骗", "scam"),
    (r"征信修复|修复", r"credit repair|repair", "征信修复", "credit repair"),
    (r"预算|开支", r"budget\w*|spending", "预算", "budget"),
    (r"失业|降薪|收入", r"job loss|lost my job|income", "收入", "income loss"),
    (r"年化|利率", r"\bAPR\b|interest rate", "年化利率", "APR interest rate"),
    (r"日息|日利率", r"daily (?:interest|rate)", "日息", "daily interest"),
    (r"砍头息|先扣|预先扣除", r"upfront|taken out|took .{0,10}out|deducted", "砍头息", "fee deducted upfront"),
    (r"以贷养贷|借新还旧|拆东墙补西墙", r"borrow\w* .{0,20}to pay|another loan to pay", "以贷养贷", "borrowing to repay loans"),
    (r"查询记录|硬查询|查询", r"inquir\w*|applications", "查询记录", "credit inquiries"),
    (r"异议|申诉|错误", r"dispute|objection|wrong|error", "异议", "dispute error"),
    (r"延期|宽限|暂停还款", r"forbearance|deferment|defer", "延期还款", "forbearance deferment"),
    (r"先还哪|先还什么|哪个先还", r"pay first|which .{0,20}first", "先还哪个", "which bills first"),
    (r"雪球|雪崩", r"snowball|avalanche", "雪球法 雪崩法", "snowball avalanche"),
    (r"几点|晚上|半夜", r"what time|at night|hours", "时间", "calling hours"),
    (r"保留|多久|几年", r"how long|stay|years", "保留多久", "how long stay"),
)
_COMPILED = tuple((re.compile(zh, re.IGNORECASE), re.compile(en, re.IGNORECASE), zh_term, en_term)
                  for zh, en, zh_term, en_term in _PAIRS)


def translate_terms(text: str, language: str) -> str:
    """The question's glossary terms in the other language ("" when fewer than two are found)."""
    found = []
    for zh_pattern, en_pattern, zh_term, en_term in _COMPILED:
        if language == "zh" and zh_pattern.search(text):
            found.append(en_term)
        elif language == "en" and en_pattern.search(text):
            found.append(zh_term)
    return " ".join(dict.fromkeys(found)) if len(found) >= 2 else ""
