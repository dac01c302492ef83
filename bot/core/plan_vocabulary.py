"""Whether a message says nothing but a plan's facts: numbers, the debts' names and the words of a wizard answer.

A complement to the crisis reading by meaning, used only while a wizard waits: "min is $126 i think? not overdue
yet" read 0.53 crisis by meaning and "没有“只”这笔，删掉它" 0.46 (stop 28 red team), while a crisis said beside a
plan's numbers ("its 90 a month. not like ill be around to pay it", "最低800，还不上我就消失") always carries a word
that is none of these. A single word outside the lists keeps the crisis reading: recall comes first."""

from __future__ import annotations

import re
from collections.abc import Iterable

MAX_PLAIN_CHARS = 120

# Numbers in every form the wizard reads: digits, Chinese numerals, "2.3w", "20k", "$1,200", "18%", "万五".
_NUMBER = re.compile(r"[$¥￥]?\d[\d,.]*\s*(?:%|％|k\b|w\b|万|千|块|元|刀)?|[零〇一二两三四五六七八九十百千万亿半]+", re.IGNORECASE)

_EN_WORDS = frozenset("""
a an the i im i'm ive i've its it's it is are was were be been am my me mine this that these those one ones both
each every all any none neither nor no not nope yes yeah yep yup ok okay sure right correct wrong sorry and or but so
just only also too same still yet now currently around about roughly approx approximately like maybe probably
guess think thought believe said say mean meant actually really pretty um uh hmm lol haha oh well then
min minimum minimums payment payments pay paying paid due monthly month months a-month per week weeks weekly day
days daily year years yearly annual annually apr rate rates interest balance balances owe owed owing left remaining
total altogether dollar dollars bucks usd rmb yuan k grand overdue late past behind current on-time time on at in
of for to from with by card cards credit loan loans debt debts bill fee fees penalty penalties charge charges
idk dunno know don't dont not-sure unsure nothing zero anything number first second third fourth last other
another new delete remove drop take off out cancel change update fix instead actually there thats that's
income salary paycheck take-home rent food costs cost expenses expense essentials spend make earn get after tax
taxes net gross isnt isn't aren't arent wasnt wasn't either neither nor doesnt doesn't dont don't didnt didn't
has have had got brother sister mom dad mother father friend friends parents family wait oops tho though honestly
rent food car safe groceries grocery utilities phone gas insurance kids childcare daycare transport commute bills
missed miss missing skipped monday tuesday wednesday thursday friday saturday sunday tomorrow today week's lump sum
hey hi hello help need please pls thanks thank yea ya call name named rename
can whenever forgot forget forgetting corrected correcting continue resume later fine what where were which added add adding
you them mixed mix up swapped keep
once back fixed set does do uncle aunt auntie cousin grandma grandpa roommate boyfriend girlfriend wife husband partner
he him his she her they their told tell already rush hurry no-rush asked ask says whenever
""".split())

_ZH_WORDS = sorted("""
最低还款 最低 还款 每个月 每月 月供 月还 逾期 没逾期 未逾期 不逾期 没有 没 还没 还未 未 都 天 个月 月 周 年 年化 日息 月息
利率 利息 费率 欠款 欠 剩下 剩 还剩 还差 块 元 左右 大概 大约 差不多 应该 好像 估计 可能 吧 的 了 呢 啊 呀 哦 嗯 哈
我 你 是 不是 对 不对 就 这 那 这笔 那笔 笔 张 个 它 他 删掉 删除 删 去掉 不算 不要 改成 改为 改 一下 一共 总共 合计 收入
工资 月薪 开销 支出 花销 房租 吃饭 生活费 不知道 不清楚 不确定 不记得 忘了 全部 都是 信用卡 网贷 贷款 银行 现在 目前 已经
还清 还完 好 好的 行 也 只 有 还 每期 期 本金 罚息 滞纳金 违约金 手续费 服务费 没有了 就这些 没了 其他 另外 第 一笔
记错 记错了 说错 说错了 弄错 错了 搞错 朋友 家人 爸 妈 爸妈 亲戚 同事 给 他 她 刚才 刚刚 刚 写了 说了 写 说 过
降到 降薪 降 涨到 涨 按 算 下个月 上个月 这个月 开始 到手 扣 扣掉 能 拿出来 拿出 出来 到 还的 可以 叫 名字
信息 资料 数据 计划 做 不想 继续 取消
没关系 不急 不着急 随时 随便 慢慢 告诉 说过
不固定 固定 有时候 有时 偶尔 发 一次 半个月 号
等等 等下 等一下 稍等 你们 让 保存 帮我 帮 把 记录 弄混 搞混
""".split(), key=len, reverse=True)
_ZH = re.compile("|".join(map(re.escape, _ZH_WORDS)))
_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN_WORD = re.compile(r"[a-z][a-z'’-]*")


def only_plan_words(message: str, names: Iterable[str] = ()) -> bool:
    """True when every word of a short message is a number, a debt's name or a word of a wizard answer."""
    text = message.strip().lower()
    if not text or len(text) > MAX_PLAIN_CHARS:
        return False
    for name in sorted((n.strip().lower() for n in names if n and n.strip()), key=len, reverse=True):
        text = text.replace(name, " ")
    text = _NUMBER.sub(" ", text)
    text = _ZH.sub(" ", text)
    if _CJK.search(text):
        return False
    return all(word.replace("’", "'") in _EN_WORDS for word in _LATIN_WORD.findall(text))
