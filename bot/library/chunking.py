"""Splitting an article into chunks the embedder handles well, each with its title and heading path.

Headings first (Markdown `#`..`####`), then paragraphs, then sentences (Chinese `。！？；` and
English `. ! ? ;`), then commas as a last resort. Sizes are in characters: Chinese chunks aim at
200-500 (the e5 model windows at 512 tokens and one Chinese character is about one token), English
chunks at 500-1,200. Sections shorter than the minimum are merged with their neighbours under
their common heading, so a page of one-paragraph sub-sections does not become a dozen weak chunks.
"""

from __future__ import annotations

from dataclasses import dataclass

from langchain_text_splitters import MarkdownHeaderTextSplitter, RecursiveCharacterTextSplitter

from bot.library.articles import Article

HEADING_SEPARATOR = " > "
_HEADERS = [("#", "h1"), ("##", "h2"), ("###", "h3"), ("####", "h4")]


@dataclass(frozen=True)
class ChunkSize:
    minimum: int
    maximum: int
    overlap: int


SIZES = {"zh": ChunkSize(minimum=200, maximum=500, overlap=40), "en": ChunkSize(minimum=500, maximum=1200, overlap=100)}

_SEPARATORS = [
    "\n\n",
    "\n",
    "。", "！", "？", "；",
    ". ", "! ", "? ", "; ",
    "，", ", ",
    " ",
    "",
]


@dataclass(frozen=True)
class Chunk:
    article: str
    position: int
    heading: str  # the heading path, "一、概述 > 1.1 背景"; "" before the first heading
    text: str  # the chunk as stored and shown to the answerer
    embed_text: str  # what the embedder sees: title and heading path, then the text
    metadata: dict


def _sections(body: str) -> list[tuple[list[str], str]]:
    splitter = MarkdownHeaderTextSplitter(_HEADERS, strip_headers=True)
    sections = []
    for doc in splitter.split_text(body):
        path = [doc.metadata[key] for _, key in _HEADERS if key in doc.metadata]
        # The splitter joins a section's lines with two trailing spaces; make them plain lines again.
        text = doc.page_content.replace("  \n", "\n").strip()
        if text:
            sections.append((path, text))
    return sections


def _common_prefix(a: list[str], b: list[str]) -> list[str]:
    out = []
    for x, y in zip(a, b):
        if x != y:
            break
        out.append(x)
    return out


def _merge_small(sections: list[tuple[list[str], str]], size: ChunkSize) -> list[tuple[list[str], str]]:
    """Join neighbouring short sections (keeping the dropped sub-headings as text lines)."""
    merged: list[tuple[list[str], str]] = []
    for path, text in sections:
        if merged:
            prev_path, prev_text = merged[-1]
            common = _common_prefix(prev_path, path)
            short = len(prev_text) < size.minimum or len(text) < size.minimum
            if short and common and len(prev_text) + len(text) + 40 <= size.maximum:
                prev_lines = _with_subheadings(prev_path, common, prev_text)
                lines = _with_subheadings(path, common, text)
                merged[-1] = (common, prev_lines + "\n\n" + lines)
                continue
        merged.append((path, text))
    return merged


def _with_subheadings(path: list[str], common: list[str], text: str) -> str:
    """A merged section's text under its own sub-headings, kept as Markdown headings ("### 1.1 背景"),
    so the offline writer reads them as what the sentences below answer, never as sentences to quote."""
    extra = path[len(common):]
    if not extra or text.lstrip("# ").startswith(extra[-1]):
        return text
    return "\n".join("#" * (len(common) + i + 1) + " " + h for i, h in enumerate(extra)) + "\n" + text


def split_article(article: Article) -> list[Chunk]:
    """The article's chunks in reading order, positions 0..n-1."""
    size = SIZES.get(article.lang, SIZES["en"])
    splitter = RecursiveCharacterTextSplitter(
        separators=_SEPARATORS,
        keep_separator="end",
        chunk_size=size.maximum,
        chunk_overlap=size.overlap,
        length_function=len,
        strip_whitespace=True,
    )
    chunks: list[Chunk] = []
    for path, text in _merge_small(_sections(article.body), size):
        heading = HEADING_SEPARATOR.join(path)
        for piece in splitter.split_text(text):
            piece = piece.strip()
            if not piece:
                continue
            context = article.title + (f"\n{heading}" if heading else "")
            chunks.append(
                Chunk(
                    article=article.id,
                    position=len(chunks),
                    heading=heading,
                    text=piece,
                    embed_text=f"{context}\n\n{piece}",
                    metadata={
                        "article": article.id,
                        "title": article.title,
                        "lang": article.lang,
                        "tags": ",".join(article.tags),
                        "heading": heading,
                        "position": len(chunks),
                        "hash": article.hash,
                        "jurisdiction": article.jurisdiction,
                        "sources": " | ".join(article.sources),
                        "summary": article.summary,
                        "role": article.role,
                    },
                )
            )
    return chunks
