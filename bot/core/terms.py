"""Words of a question or a passage: jieba tokens for Chinese, lower-cased words for English."""

from __future__ import annotations

import logging
import re
from functools import lru_cache

import jieba

from bot.planner.per_message import per_message

_WORD = re.compile(r"[0-9a-z\u4e00-\u9fff]")
_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")

STOPWORDS = frozenset(
    """
    的 了 吗 呢 不会 会不会 吧 啊 呀 哦 么 嘛 是 我 你 他 她 它 我们 你们 他们 这 那 这个 那个 这样 那样 就 都 也 还是 和 与 及
    在 有 没 没有 不 会 要 能 可以 可能 怎么 怎么办 怎么样 怎样 如何 什么 为什么 多少 多久 哪些 哪个 一个 一下 现在 已经
    吗吗 咋 咋办 啥 干啥 干嘛 请问 问 想 知道 一些 如果 然后 但是 因为 所以 自己 还有 还 又 被 把 让 给 对 从 到 上 下
    a an the is are was were be been am i me my we our you your he she it its they them their this that these those
    to of in on at for with by from as and or but if so not no do does did done can could will would should shall
    may might must what when where which who whom why how much many any some about into than then there here just
    get got have has had im i'm ive dont don't cant can't yes ok okay please tell know want need really now
    what whats what's doesn doesn't isn isn't t s him her his hers us
    """.split()
)

# Words that mark a question as being about loans, debt and credit: what the library is about.
DOMAIN_VOCABULARY = frozenset(
    """
    逾期 征信 贷款 网贷 信用卡 花呗 借呗 白条 微粒贷 还款 还钱 还不上 还不起 欠款 欠钱 欠债 催收 催债 罚息 利息 违约金 滞纳金
    分期 个性化分期 协商 延期 停息挂账 减免 起诉 法院 传票 失信 被执行人 老赖 坐牢 利率 年化 砍头息 借款 借钱 额度 信用报告
    征信报告 异议 修复 黑名单 通讯录 骚扰 威胁 恐吓 投诉 12378 银行 消费金融 小贷 宽限期 最低还款 账单 负债 债务 以贷养贷
    收入 失业 预算 雪球 雪崩 注销 诈骗 骗子 上门 借条 本金 手续费 服务费 保险费 查询 记录 信用 贷 欠 借 还 网贷平台 上征信
    loan loans debt debts credit overdue late payment payments repay repayment collector collectors collection
    collections interest apr fee fees penalty card cards bank banks lender lenders borrow borrowing borrowed
    score bureau bureaus installment installments instalment instalments hardship forbearance deferment consolidation
    consolidate sue sued lawsuit court scam scams scammer budget bill bills owe owed owing default arrears harass
    harassment harassing threat threaten threatening minimum statement grace missed miss behind fico equifax experian
    transunion settlement relief 以贷养贷 借新还旧 日息 月息
    """.split()
)


@lru_cache(maxsize=1)
def _jieba_ready() -> bool:
    jieba.setLogLevel(logging.WARNING)
    for word in ("上征信", "还不上", "还不起", "个性化分期", "停息挂账", "以贷养贷", "砍头息", "失信被执行人", "爆通讯录"):
        jieba.add_word(word)
    return True


def _normalise(token: str) -> str:
    """A crude English stemmer (calls, calling, called -> call): enough for word overlap and BM25."""
    token = token.lower()
    if not token.isascii():
        return token
    if len(token) > 4 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        token = token[:-1]
    if len(token) > 5 and token.endswith("ing"):
        token = token[:-3]
    elif len(token) > 4 and token.endswith("ed"):
        token = token[:-2]
    return token


# Borrowers' shorthand and common typos, spelled out before search so both dense and BM25 see the term.
SHORTHAND = (
    (re.compile(r"(?<![A-Za-z])zx(?![A-Za-z])", re.IGNORECASE), "征信"),
    (re.compile(r"(?<![A-Za-z])yq(?![A-Za-z])", re.IGNORECASE), "逾期"),
    (re.compile(r"(?<![A-Za-z])dk(?![A-Za-z])", re.IGNORECASE), "贷款"),
    (re.compile(r"(?<![A-Za-z])xyk(?![A-Za-z])", re.IGNORECASE), "信用卡"),
    (re.compile(r"征性|征心|争信"), "征信"),
    (re.compile(r"逾其|愈期"), "逾期"),
    (re.compile(r"拆东墙补西墙"), "拆东墙补西墙（以贷养贷）"),
    # "征信花了" is borrowers' word for too many lenders' inquiries (stop 33 red team: the article on objections answered it)
    (re.compile(r"(?:征信|查询)(?:被)?(?:查)?花(?!呗)了?"), "征信查询记录太多（征信花了）"),
    # debt words typed in pinyin ("xinyongka yuqi le zenme ban": declined, stop 32 red team), whole words only
    *((re.compile(rf"(?<![A-Za-z]){pinyin}(?![A-Za-z])", re.IGNORECASE), chinese) for pinyin, chinese in (
        (r"xin\s?yong\s?ka", "信用卡"), (r"yu\s?qi", "逾期"), (r"wang\s?dai", "网贷"), (r"dai\s?kuan", "贷款"),
        (r"cui\s?shou", "催收"), (r"zheng\s?xin", "征信"), (r"huan\s?kuan", "还款"), (r"qi\s?su", "起诉"),
        (r"fa\s?xi", "罚息"), (r"li\s?xi", "利息"), (r"hua\s?bei", "花呗"), (r"jie\s?bei", "借呗"),
        (r"zen\s?me\s?ban", "怎么办"), (r"yin\s?hang", "银行"), (r"huan\s?bu\s?shang", "还不上"))),
)


def spell_out(text: str) -> str:
    """The text with shorthand ("zx", "yq") and common typos ("征性") replaced by the real terms."""
    for pattern, replacement in SHORTHAND:
        text = pattern.sub(replacement, text)
    return text


def tokens(text: str) -> list[str]:
    """Content words of the text, in order, stop words and punctuation dropped. A user's words serve the BM25 search
    and the decline decision: remembered for one message only (bot.planner.per_message), never in a process-wide
    cache that would keep them after /forget."""
    return list(_message_tokens(text))


@per_message()
def _message_tokens(text: str) -> tuple[str, ...]:
    return _tokenise(text)


@lru_cache(maxsize=4096)
def library_tokens(text: str) -> tuple[str, ...]:
    """`tokens` of the library's own text (titles recur in every decision): cached for the process; never a user's."""
    return _tokenise(text)


def _tokenise(text: str) -> tuple[str, ...]:
    _jieba_ready()
    out = []
    for raw in jieba.lcut_for_search(text.lower()):
        token = raw.strip()
        if not token or not _WORD.search(token) or token in STOPWORDS:
            continue
        token = _normalise(token)
        if token not in STOPWORDS:
            out.append(token)
    return tuple(out)


@lru_cache(maxsize=1)
def _domain_words() -> tuple[frozenset[str], tuple[str, ...]]:
    """The vocabulary as tokens, and its Chinese words of two or more characters (found as substrings)."""
    return (frozenset(_normalise(word) for word in DOMAIN_VOCABULARY),
            tuple(word for word in DOMAIN_VOCABULARY if len(word) > 1 and _CJK.search(word)))


def domain_terms(text: str) -> set[str]:
    """The words of the text that belong to the library's domain vocabulary."""
    vocabulary, chinese = _domain_words()
    found = {token for token in tokens(text) if token in vocabulary}
    lowered = text.lower()
    found.update(word for word in chinese if word in lowered)
    return found


def script_language(text: str) -> str | None:
    """zh when the text has Chinese characters, en when it has Latin letters only, else None."""
    if _CJK.search(text):
        return "zh"
    if _LATIN.search(text):
        return "en"
    return None


_LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")


def mixes_languages(text: str, language: str) -> bool:
    """Whether a question in `language` also writes the other language's words: two Latin words in a
    Chinese question ("debt snowball 和 avalanche 中文咋弄"; one, like "LPR", is a term), two
    runs of Chinese in an English one (one, like "滞纳金", is a term)."""
    if language == "zh":
        return len(_LATIN_WORD.findall(text)) >= 2
    return len(_CJK_RUN.findall(text)) >= 2
