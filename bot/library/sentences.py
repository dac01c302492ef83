"""Sentence vectors computed at ingest and stored with each chunk, so the offline writer can rank a
passage's sentences by meaning without embedding anything while a borrower waits.

Each chunk's metadata gets `sentences` (a JSON list, split exactly as the writer splits),
`sentence_vectors` (their unit vectors) and `lead_vector` (the vector of the article's title and
summary: how close a question is to the article's main question). They travel with the chunk, so an
unchanged article is never embedded again and a changed one is re-embedded with its chunks.
"""

from __future__ import annotations

import json
from typing import Any

from bot.core.extractive import sentences_in_context
from bot.core.ports import Embedder
from bot.library.chunking import Chunk
from bot.search.vectors import pack


def lead_text(title: str, summary: str) -> str:
    """What the lead vector embeds: the article's question and its short answer."""
    return f"{title}\n{summary}".strip()


def with_sentence_vectors(chunks: list[Chunk], embedder: Embedder) -> list[dict[str, Any]]:
    """The chunks' metadata plus their sentences and vectors, embedded in one call."""
    pairs = [sentences_in_context(chunk.text, chunk.heading.rsplit(" > ", 1)[-1]) for chunk in chunks]
    sentences = [[sentence for _, sentence in group] for group in pairs]
    leads = list(dict.fromkeys(lead_text(c.metadata.get("title", ""), c.metadata.get("summary", "")) for c in chunks))
    # A sentence is embedded with the heading or question above it: "保存5年" means more under "多久能消除".
    texts = [f"{context}\n{sentence}" if context else sentence for group in pairs for context, sentence in group] + leads
    vectors = embedder.embed_passages(texts) if texts else []
    if len(vectors) != len(texts):
        raise ValueError(f"the embedder returned {len(vectors)} vectors for {len(texts)} sentences")
    lead_vectors = dict(zip(leads, vectors[len(texts) - len(leads):]))
    out, start = [], 0
    for chunk, group in zip(chunks, sentences):
        meta = dict(chunk.metadata)
        meta["sentences"] = json.dumps(group, ensure_ascii=False)
        meta["sentence_vectors"] = pack(vectors[start:start + len(group)])
        meta["lead_vector"] = pack([lead_vectors[lead_text(meta.get("title", ""), meta.get("summary", ""))]])
        start += len(group)
        out.append(meta)
    return out
