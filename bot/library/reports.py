"""What the editors' chat shows as text: /try, /gaps, /articles and the weekly digest."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.core.messages import Reply
from bot.library.articles import Article
from bot.library.gaps import GapGroup
from bot.library.staleness import StaleArticle

MAX_MESSAGE = 4000  # Telegram's limit is 4096 characters


def trial_report(question: str, found: Any, reply: Reply, stale: Sequence[StaleArticle]) -> str:
    """/try: the retrieved articles with scores, the decline decision's numbers, then the reply itself.

    `found` is the core's Retrieval (query, matches, decision)."""
    decision = found.decision
    features = decision.features
    lines = [f"🔎 /try {question}"]
    if found.query != question:
        lines.append(f"searched as: {found.query}")
    lines.append("Retrieved articles (best chunk's cosine score):")
    for number, match in enumerate(found.matches[:5], 1):
        lines.append(f"  {number}. {match.score:.3f}  {match.article} — {match.title} [{match.lang}]"
                     f" ({len(match.hits)} chunk{'s' if len(match.hits) != 1 else ''})")
    if not found.matches:
        lines.append("  (none)")
    verdict = "ANSWER" if decision.answer else "DECLINE"
    lines.append(f"Decision: {verdict}: {decision.reason}")
    background = "" if features.background is None else f", background {features.background:.3f}"
    offtopic = "n/a" if features.offtopic is None else f"{features.offtopic:.3f}{background} (gap {features.gap:+.3f})"
    passages = "".join(f", {name} {value:.3f}" for name, value in (("sentence", features.sentence),
                                                                   ("lead", features.lead)) if value is not None)
    lines.append(f"  top {features.top:.3f}{passages}, margin {features.margin:.3f}, overlap {features.overlap:.2f}, "
                 f"content words {features.words}, off-topic similarity {offtopic}")
    if stale:
        lines.append("⚠️ The answer relies on stale content:")
        lines += [f"  ⏳ {s.id}: {s.reason}" for s in stale]
    lines.append(f"— The bot would reply ({reply.kind}) —")
    lines.append(reply.text)
    return _fit("\n".join(lines))


def gaps_report(groups: Sequence[GapGroup], days: int) -> str:
    """/gaps: unanswered questions grouped by meaning, most frequent first, with the closest article."""
    if not groups:
        return f"No unanswered questions in the last {days} days. 🎉"
    lines = [f"📋 Content gaps, last {days} days ({sum(g.count for g in groups)} questions, {len(groups)} groups):"]
    for number, group in enumerate(groups[:15], 1):
        why = ", ".join(f"{reason} {count}" for reason, count in group.reasons.items())
        lines.append(f"{number}. ×{group.count} ({why})")
        lines += [f"   • {example}" for example in group.examples]
        if group.closest_article:
            lines.append(f"   closest: {group.closest_article} ({group.closest_score:.2f})")
    if len(groups) > 15:
        lines.append(f"… and {len(groups) - 15} smaller groups (python -m bot gaps lists all).")
    return _fit("\n".join(lines))


def stale_report(stale: Sequence[StaleArticle], days: int) -> str:
    if not stale:
        return f"No stale articles (all updated within {days} days, no expired rules)."
    lines = [f"⏳ Stale articles ({len(stale)}): check them and send the updated file."]
    lines += [f"• {s.id} — {s.title}: {s.reason}" for s in stale[:30]]
    return "\n".join(lines)


def digest(groups: Sequence[GapGroup], stale: Sequence[StaleArticle], days: int, stale_days: int) -> str:
    """The weekly digest: the week's gaps and the stale articles."""
    return _fit("🗓 Weekly editors' digest\n\n" + gaps_report(groups, days) + "\n\n" + stale_report(stale, stale_days))


def articles_report(articles: Sequence[Article], tag: str | None) -> str:
    """/articles [tag]: id, title, updated date."""
    if not articles:
        return f"No articles tagged {tag!r}." if tag else "The library has no articles."
    head = f"📚 {len(articles)} articles" + (f" tagged {tag}" if tag else "") + " (newest first):"
    lines = [head] + [f"• {a.id} — {a.title} (updated {a.updated.isoformat() if a.updated else '—'})"
                      for a in articles]
    return _fit("\n".join(lines))


def _fit(text: str) -> str:
    return text if len(text) <= MAX_MESSAGE else text[:MAX_MESSAGE - 2].rstrip() + " …"
