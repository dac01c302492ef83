"""The plan in words (zh / en): what to pay first and why, and what else to do about it."""

from __future__ import annotations

from decimal import Decimal

from bot.planner.formatting import money, percent, pick
from bot.planner.offers import EXPENSIVE_APR, OfferAnalysis, ShortLoanAnalysis
from bot.planner.plan import ENDING_HORIZON, Plan

STRATEGY_NAMES = {
    "avalanche": ("先还利率最高（雪崩法）", "highest rate first (avalanche)"),
    "snowball": ("先还金额最小（雪球法）", "smallest balance first (snowball)"),
    "custom": ("按你定的顺序", "your own order"),
    "minimum_only": ("只还最低还款", "minimums only"),
}
# Articles are pointed at by topic, so the answering side finds whichever article covers it.
NEGOTIATION_TOPICS = ("怎么和银行、网贷协商延期还款或个性化分期", "how to negotiate an extension or an instalment plan")
NEGOTIATION_QUESTIONS = {
    "zh": ["怎么和银行、网贷协商延期还款或个性化分期？", "信用卡还不上可以申请个性化分期吗？", "借新还旧（以贷养贷）有什么风险？"],
    "en": ["How do I negotiate an extension or an instalment plan?", "What is hardship forbearance and how do I ask?",
           "Should I take a new loan to pay off old ones?"],
}


def strategy_name(name: str, language: str) -> str:
    zh, en = STRATEGY_NAMES[name]
    return pick(language, zh, en)


def _unit(currency: str) -> str:
    """What one unit of the plan's money is called in English: "each extra dollar", not "yuan", in a dollar plan."""
    return {"USD": "dollar", "HKD": "dollar", "EUR": "euro", "GBP": "pound"}.get(currency.upper(), "yuan")


def _join(names: tuple[str, ...] | list[str], language: str) -> str:
    quoted = [pick(language, f"「{name}」", name) for name in names]
    return pick(language, " → ".join(quoted), " → ".join(quoted))


def _reported_late(days_overdue: int) -> str:
    """A US debt's credit report: a payment is usually reported late only once it is 30 days past due (FACTS; stop 33 red
    team: "late payments hurt your credit record" for a card 3 days late)."""
    if days_overdue >= 30:
        return ", and at 30 days past due it is usually reported late to the credit bureaus already."
    return f", and at 30 days past due ({30 - days_overdue} days from now) it is usually reported late to the credit bureaus."


def priorities(plan: Plan, language: str) -> list[str]:
    """Numbered steps: overdue and penalty-bearing debt first, then the minimums, then the order."""
    cur = plan.input.currency
    steps: list[str] = []
    for cost in sorted(plan.overdue, key=lambda c: -c.penalty_rate):
        owed = money(cost.overdue_amount + cost.accrued_penalty, cur)
        if cost.penalty_per_day == 0:  # no penalty given or assumed (a plan in dollars): no "$0.00 a day"
            steps.append(pick(
                language, f"先还清「{cost.loan}」逾期的部分（约 {owed}）" + ("。" if cost.kind == "private" else "，逾期记录会影响征信。"),
                f"First clear what is overdue on {cost.loan} (about {owed})"
                + ("." if cost.kind == "private" else _reported_late(cost.days_overdue) if cur == "USD"
                   else ", and late payments hurt your credit record.")))
            continue
        steps.append(pick(
            language,
            f"先还清「{cost.loan}」逾期的部分（连罚息约 {owed}）：每拖一天多付约 {money(cost.penalty_per_day, cur)} 罚息"
            + ("。" if cost.kind == "private" else "，逾期记录还会影响征信。"),
            f"First clear what is overdue on {cost.loan} (about {owed} with penalty): every day of waiting adds about "
            f"{money(cost.penalty_per_day, cur)} in penalty"
            # a loan from family or friends is reported to no credit bureau (stop 31 red team: "a late mark on your record")
            + ("." if cost.kind == "private" else _reported_late(cost.days_overdue) if cur == "USD"
               else ", and late payments hurt your credit record."),
        ))
    steps.append(pick(
        language,
        f"每笔都按时还最低还款（合计每月 {money(plan.minimums, cur)}），不要产生新的逾期。",
        f"Pay every minimum on time ({money(plan.minimums, cur)} a month in all) so nothing new goes overdue.",
    ))
    outcome = plan.recommended_outcome
    if outcome is not None and plan.budget > plan.minimums:
        rest = money(plan.budget - plan.minimums, cur)
        first = outcome.order[0]
        rate = percent(plan.input.loan(first).annual_rate)
        if len(outcome.order) == 1:
            steps.append(pick(language, f"剩下的钱（每月约 {rest}）全部用来多还「{first}」（年化 {rate}），越早还清，利息越少。",
                              f"Put the rest (about {rest} a month) on {first} ({rate} a year): the sooner it is "
                              "paid off, the less interest it costs."))
            return [f"{index}. {step}" for index, step in enumerate(steps, start=1)]
        if outcome.name == "avalanche":
            why = pick(language, f"它的年化利率最高（{rate}），每多还 1 元省下的利息最多",
                       f"it has the highest rate ({rate}), so each extra {_unit(cur)} saves the most interest")
        elif outcome.name == "snowball":
            why = pick(language, "它欠得最少，最快还清一笔，腾出的最低还款再滚到下一笔",
                       "it is the smallest, so it is gone soonest and its minimum rolls on to the next one")
        else:
            why = pick(language, "这是你选的顺序", "that is the order you chose")
        steps.append(pick(
            language,
            f"剩下的钱（每月约 {rest}）先全部还「{first}」：{why}。还清后按顺序继续：{_join(outcome.order, language)}。",
            f"Put the rest (about {rest} a month) on {first}: {why}. Then, in order: {_join(outcome.order, language)}.",
        ))
    return [f"{index}. {step}" for index, step in enumerate(steps, start=1)]


def offer_lines(offer: OfferAnalysis, loan: str, language: str, currency: str, *, asks_legality: bool = False) -> list[str]:
    """The offer's cost and true rate, its flags, and, when asked whether it is legal ("合法吗", "是不是高利贷"), the
    4x LPR cap and whom it binds (the facts say so whenever the cap is mentioned)."""
    # The fee taken or paid up front is shown beside the payments, not added into them: "到手18000，合同写借2万，
    # 每期1900" showed "共付 ¥24,800" where the twelve payments are ¥22,800 (stop 25 red team)
    payments = offer.total_paid - offer.upfront_fee
    fee = money(offer.upfront_fee, currency)
    lines = [pick(
        language,
        f"「{loan}」的方案：{offer.months} 期，每期 {money(offer.monthly_payment, currency)}，共还 {money(payments, currency)}"
        f"{f'，另有先扣或先交的费用 {fee}' if offer.upfront_fee else ''}，总成本 {money(offer.total_cost, currency)}。"
        f"按内部收益率（IRR）算的真实年化利率为 {percent(offer.apr)}（月 IRR × 12；计复利为 {percent(offer.effective_annual)}）。",
        f"The offer on {loan}: {offer.months} payments of {money(offer.monthly_payment, currency)}, "
        f"{money(payments, currency)} in all{f', plus {fee} in fees taken or paid up front' if offer.upfront_fee else ''}, "
        f"costing {money(offer.total_cost, currency)}. Its true annual rate by IRR is {percent(offer.apr)} "
        f"(monthly IRR x 12; {percent(offer.effective_annual)} compounded).",
    )]
    if offer.above_24:
        lines.append(pick(language, "这个方案高于年化 24%，很贵：先比较别的办法，或协商更低的费用。",
                          "That is above 24% a year, which is expensive: compare other options or negotiate the fee down."))
    if offer.kind == "private":
        cap = percent(offer.private_cap)
        verdict = pick(language, "超过了" if offer.above_private_cap else "没有超过",
                       "is above" if offer.above_private_cap else "is within")
        lines.append(pick(
            language,
            f"这是私人借款：法院对民间借贷只支持不超过合同成立时一年期 LPR 4 倍的利息和费用（LPR {percent(offer.lpr)}，"
            f"截至 {offer.lpr_as_of.isoformat()}，4 倍为 {cap}；法释〔2020〕17号），这个方案{verdict}该上限。"
            "这个上限不约束持牌金融机构，小额贷款公司等也算金融机构（法释〔2020〕27号）。",
            f"This is a private loan: Chinese courts do not support interest and fees above 4x the one-year LPR at "
            f"the time of the contract (LPR {percent(offer.lpr)} as of {offer.lpr_as_of.isoformat()}, so {cap}; "
            f"法释〔2020〕17号), and this offer {verdict} that cap. The cap does not bind licensed lenders, and "
            "small-loan companies and similar firms count as licensed (法释〔2020〕27号).",
        ))
    elif asks_legality:
        cap = percent(offer.private_cap)
        above = offer.apr > offer.private_cap
        lines.append(pick(
            language,
            f"合不合法：法院对民间借贷只支持不超过合同成立时一年期 LPR 4 倍的利息和费用（LPR {percent(offer.lpr)}，截至 "
            f"{offer.lpr_as_of.isoformat()}，4 倍为 {cap}；法释〔2020〕17号），这个方案{'高于' if above else '没有超过'}它；"
            "但这个上限只管民间借贷，不约束持牌金融机构，银行、消费金融公司、小额贷款公司等都算（法释〔2020〕27号）。",
            f"Whether it is legal: Chinese courts do not support interest and fees above 4x the one-year LPR at the time "
            f"of the contract (LPR {percent(offer.lpr)} as of {offer.lpr_as_of.isoformat()}, so {cap}; 法释〔2020〕17号), "
            f"and this offer {'is above' if above else 'is within'} it; but that cap covers private lending only and does "
            "not bind licensed lenders: banks, consumer-finance and small-loan companies count as licensed (法释〔2020〕27号).",
        ))
    return lines


def _negotiation(plan: Plan, language: str) -> list[str]:
    cur = plan.input.currency
    lines = []
    for ask in plan.asks:
        if ask.months_at_affordable is None:
            tail = pick(language, f"这个数不够每月利息 {money(ask.monthly_interest, cur)}，要同时申请停息或减免利息",
                        f"that does not cover the {money(ask.monthly_interest, cur)} monthly interest: ask to stop or cut interest too")
        else:
            tail = pick(language, f"按这个数约 {ask.months_at_affordable} 个月还清",
                        f"at that amount it is paid off in about {ask.months_at_affordable} months")
            if ask.months_at_affordable > ENDING_HORIZON:
                tail += pick(language, "；超过 5 年，还要一并申请减免利息",
                             "; that is over 5 years, so ask for lower interest as well")
        lines.append(pick(
            language,
            f"「{ask.loan}」：申请每月还 {money(ask.affordable, cur)}（原最低 {money(ask.min_payment, cur)}），{tail}。",
            f"{ask.loan}: ask to pay {money(ask.affordable, cur)} a month (minimum now {money(ask.min_payment, cur)}); {tail}.",
        ))
    return lines


def suggestions(plan: Plan, language: str) -> list[str]:
    """Everything else worth saying, most important first; assumptions are stated, not hidden."""
    cur = plan.input.currency
    lines: list[str] = []
    if not plan.feasible:
        lines.append(pick(
            language,
            f"每月能用来还款的钱是 {money(plan.budget, cur)}，所有最低还款合计 {money(plan.minimums, cur)}，每月缺 "
            f"{money(plan.shortfall, cur)}。按现在的最低还款排不出真实可行的计划，这里不给你排一个做不到的还款表。",
            f"You have {money(plan.budget, cur)} a month for debts and the minimums add up to "
            f"{money(plan.minimums, cur)}: {money(plan.shortfall, cur)} short every month. No real schedule fits, so "
            "this is not going to pretend one does.",
        ))
        if plan.budget <= 0:
            lines.append(pick(language, "你现在的收入连必需开销都不够：先保住吃住，再联系贷款方说明情况，申请暂停或延期。",
                              "Your income does not cover essentials: keep food and housing first, then tell the "
                              "lenders and ask for a pause or an extension."))
        else:
            lines.append(pick(language, "主动联系每个贷款方，说明困难，按你的能力申请延期、个性化分期或停息挂账（按最低还款比例分配）：",
                              "Contact each lender, explain the hardship, and ask for an extension or an instalment "
                              "plan you can afford (the budget shared in proportion to the minimums):"))
            lines.extend(_negotiation(plan, language))
        if any(loan.kind == "credit_card" for loan in plan.input.loans) and cur == "CNY":
            # China's rule: a plan in dollars is not told of it (stop 31 red team, a Citi card in a US plan)
            lines.append(pick(language, "信用卡确有困难的，可以和银行协商个性化分期，最长可达 5 年（《商业银行信用卡业务监督管理办法》第70条）。",
                              "Chinese credit-card holders in real hardship can negotiate an individual instalment plan "
                              "of up to 5 years (商业银行信用卡业务监督管理办法, Art. 70)."))
        zh_topic, en_topic = NEGOTIATION_TOPICS
        lines.append(pick(language, f"协商的步骤和说法可以直接问我：「{zh_topic}」。",
                          f"For the steps and what to say, ask me: \"{en_topic}\"."))
    outcome = plan.recommended_outcome
    minimum_only = plan.outcomes.get("minimum_only")
    if outcome is not None and outcome.finished:
        saved = (minimum_only.total_interest - outcome.total_interest) if minimum_only else None
        saved_text = "" if saved is None or not minimum_only.finished else pick(
            language, f"，比只还最低少付利息 {money(saved, cur)}", f", {money(saved, cur)} less interest than minimums only")
        lines.append(pick(
            language,
            f"按「{strategy_name(outcome.name, language)}」，第 {outcome.months} 个月还清全部欠款，共付利息 "
            f"{money(outcome.total_interest, cur)}、罚息 {money(outcome.total_penalties, cur)}{saved_text}。",
            f"With {strategy_name(outcome.name, language)} you are debt-free in month {outcome.months}, paying "
            f"{money(outcome.total_interest, cur)} interest and {money(outcome.total_penalties, cur)} penalties{saved_text}.",
        ))
        cheaper = plan.outcomes["avalanche"]
        if outcome.name != "avalanche" and cheaper.finished and cheaper.total_interest < outcome.total_interest:
            lines.append(pick(
                language, f"如果改成先还利率最高的，还能再少付 {money(outcome.total_interest - cheaper.total_interest, cur)} 利息。",
                f"Paying the highest rate first would save another {money(outcome.total_interest - cheaper.total_interest, cur)}."))
    elif outcome is not None:
        lines.append(pick(
            language,
            f"即使每月 {money(plan.budget, cur)} 全部用来还款，利息和罚息也比还款涨得快，600 个月内都还不完。请尽快联系贷款方协商停息、"
            "减免或分期，也可以发 /human 找人帮忙。",
            f"Even with all {money(plan.budget, cur)} a month going to debts, interest and penalties grow faster "
            "than you pay: not paid off within 600 months. Talk to the lenders about stopping interest, a "
            "reduction or an instalment plan soon; send /human to find a person who can help.",
        ))
    if plan.first_month_short:
        lines.append(pick(language, "第一个月的钱不够同时还清逾期和所有最低还款：差的部分会变成新的逾期，先和贷款方说明情况。",
                          "Month 1 cannot clear the overdue amounts and every minimum: what is left unpaid goes "
                          "overdue too, so tell the lenders before it does."))
    for item in plan.never_ending:
        if not item.monthly_interest:
            # a loan from family with no interest and no minimum: nothing grows, and nothing is paid either
            lines.append(pick(
                language,
                f"「{item.loan}」没有每月最低还款：只还最低永远还不完；每月还 {money(item.payment_to_end, cur)} 可在 "
                f"{ENDING_HORIZON} 个月内还清。",
                f"{item.loan} has no monthly minimum: paying only minimums never clears it; "
                f"{money(item.payment_to_end, cur)} a month clears it in {ENDING_HORIZON} months.",
            ))
            continue
        lines.append(pick(
            language,
            f"「{item.loan}」每月最低还款 {money(item.min_payment, cur)} 不够当月利息 {money(item.monthly_interest, cur)}：只还最低永远"
            f"还不完；每月还 {money(item.payment_to_end, cur)} 可在 {ENDING_HORIZON} 个月内还清。",
            f"On {item.loan} the minimum of {money(item.min_payment, cur)} does not cover the "
            f"{money(item.monthly_interest, cur)} monthly interest: at that payment it never ends; "
            f"{money(item.payment_to_end, cur)} a month clears it in {ENDING_HORIZON} months.",
        ))
    for cost in plan.overdue:
        if cost.penalty_assumed and cost.penalty_rate == 0:  # a plan outside China: no rule to assume by
            lines.append(pick(
                language, f"「{cost.loan}」的滞纳金和罚息利率由合同约定，这里没有计入，请看账单。",
                f"{cost.loan}'s late fee and any penalty APR are set by its agreement and are not counted here; "
                "check your statement."))
        elif cost.penalty_assumed:
            lines.append(pick(
                language, f"「{cost.loan}」的罚息按合同日利率 × 1.5 估算（每天 {percent(cost.penalty_rate, 4)}），请以合同为准。",
                f"The penalty on {cost.loan} is assumed to be the contract daily rate x 1.5 "
                f"({percent(cost.penalty_rate, 4)} a day); check your contract."))
    if plan.offer is not None:
        loan = plan.input.offer.loan if plan.input.offer and plan.input.offer.loan else plan.input.loans[0].name
        lines.extend(offer_lines(plan.offer, loan, language, cur))
    if plan.needs_help or plan.first_month_short:
        lines.append(pick(language, "不要借新的网贷来还旧债（以贷养贷）：利息和罚息只会越滚越多，最后更难还。",
                          "Do not take a new loan to repay old ones: interest and penalties only snowball."))
    return lines


# A loan of days has the "714" loans' mark when its term is this short and it costs more than HUGE_APR a year
# (FACTS: 7- or 14-day loans with huge fees are illegal lending); "借呗借1万，30天后还10100" (12% a year) has not, nor
# four weekly payments (28 days: stop 26 red team).
SHORT_TERM_DAYS = 14
HUGE_APR = Decimal(1)


def short_loan_lines(loan: ShortLoanAnalysis, language: str, currency: str) -> list[str]:
    """What a loan of days or weeks costs for the money received, as a year's rate, and what China's law says of it
    (for a loan in yuan: the 4x LPR cap, the "714" loans, interest deducted in advance)."""
    m = lambda value: money(value, currency)  # noqa: E731
    borrowed = (pick(language, f"借 {m(loan.principal)}，实际到手 {m(loan.received)}，",
                     f"{m(loan.principal)} borrowed, {m(loan.received)} received, ")
                if loan.principal != loan.received else pick(language, f"到手 {m(loan.received)}，",
                                                                f"{m(loan.received)} received, "))
    if loan.payments == 1:
        terms = pick(language, f"{loan.days} 天后一次还 {m(loan.payment)}", f"{m(loan.payment)} repaid after {loan.days} days")
        how = pick(language, f"{loan.days} 天的成本是到手金额的 {percent(loan.term_rate)}，折合年化约 {percent(loan.apr, 0 if loan.apr >= 1 else 2)}"
                             "（单利：这个比例 × 365 ÷ 天数）",
                   f"The {loan.days} days cost {percent(loan.term_rate)} of the money received, about "
                   f"{percent(loan.apr, 0 if loan.apr >= 1 else 2)} a year (simple: that share x 365 / the days)")
    else:
        terms = pick(language, f"每 {loan.days} 天还 {m(loan.payment)}，共 {loan.payments} 次（{loan.term_days} 天），共还 {m(loan.repaid)}",
                     f"{loan.payments} payments of {m(loan.payment)} every {loan.days} days ({loan.term_days} days), "
                     f"{m(loan.repaid)} in all")
        how = pick(language, f"按内部收益率（IRR）算，折合年化约 {percent(loan.apr, 0 if loan.apr >= 1 else 2)}（每期 IRR × 365 ÷ {loan.days}）",
                   f"By IRR that is about {percent(loan.apr, 0 if loan.apr >= 1 else 2)} a year (the IRR per payment x 365 / {loan.days})")
    lines = [pick(language, f"这笔借款：{borrowed}{terms}，比到手的钱多还 {m(loan.cost)}。{how}。",
                  f"This loan: {borrowed}{terms}, {m(loan.cost)} more than you received. {how}.")]
    if currency != "CNY":  # the caps below are China's; a loan in dollars is judged by its own country's rules
        if loan.apr > EXPENSIVE_APR:
            lines.append(pick(language, "这远高于年化 24%，非常贵：先比较别的办法。",
                              "That is far above 24% a year, which is very expensive: compare other options first."))
        return lines
    if loan.above_private_cap:
        lines.append(pick(
            language,
            f"这超过了民间借贷受法院支持的上限：合同成立时一年期 LPR 的 4 倍（LPR {percent(loan.lpr)}，截至 "
            f"{loan.lpr_as_of.isoformat()}，4 倍为 {percent(loan.private_cap)}；法释〔2020〕17号）；这个上限只管民间借贷，"
            "不约束持牌金融机构，银行、消费金融公司、小额贷款公司等都算（法释〔2020〕27号）。",
            f"That is above what Chinese courts support for private lending: 4x the one-year LPR at the time of the "
            f"contract (LPR {percent(loan.lpr)} as of {loan.lpr_as_of.isoformat()}, so {percent(loan.private_cap)}; "
            "法释〔2020〕17号); that cap covers private lending only and does not bind licensed lenders: banks, "
            "consumer-finance and small-loan companies count as licensed (法释〔2020〕27号).",
        ))
    if loan.term_days <= SHORT_TERM_DAYS and loan.apr > HUGE_APR:
        lines.append(pick(
            language,
            "期限只有几天、费用这么高，是「714 高炮」（7 天或 14 天、先扣高额费用的借款）的特征：这类放贷是违法的，"
            "法院不保护非法放贷的利息，情节严重的可以构成犯罪（两高两部《关于办理非法放贷刑事案件若干问题的意见》，2019年）。",
            "A term of days at such a cost is the mark of a \"714\" loan (7 or 14 days with huge fees): such lending is "
            "illegal in China, courts do not protect interest on illegal loans, and it can be a crime (opinions of the "
            "Supreme People's Court, Supreme People's Procuratorate, Ministry of Public Security and Ministry of "
            "Justice on illegal lending, 2019).",
        ))
    if loan.received < loan.principal:
        lines.append(pick(
            language,
            f"先扣掉的 {m(loan.principal - loan.received)} 是砍头息：利息不得预先在本金中扣除，借款金额按实际到手的 "
            f"{m(loan.received)} 计算（《民法典》第670条）。",
            f"The {m(loan.principal - loan.received)} taken off before you got the money counts for nothing: interest may "
            f"not be deducted from the principal in advance, so the loan is the {m(loan.received)} actually received "
            "(Civil Code Art. 670).",
        ))
    return lines
