"""Vectors kept in Chroma metadata (which holds only scalars): unit float16 rows, base64-encoded."""

from __future__ import annotations

import base64
from collections.abc import Sequence

import numpy as np


def unit_rows(vectors: Sequence[Sequence[float]]) -> np.ndarray:
    """The vectors as a float32 matrix of unit rows (a zero row stays zero)."""
    matrix = np.asarray(vectors, dtype=np.float32).reshape(len(vectors), -1)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1.0, norms)


def pack(vectors: Sequence[Sequence[float]]) -> str:
    """Unit float16 rows as one ASCII string (768 bytes a 384-dimension row before base64)."""
    if not len(vectors):
        return ""
    return base64.b64encode(unit_rows(vectors).astype(np.float16).tobytes()).decode("ascii")


def unpack(text: str, dim: int) -> np.ndarray | None:
    """The float32 matrix `pack` wrote, or None when there is none or it does not fit `dim`."""
    if not text or dim <= 0:
        return None
    try:
        flat = np.frombuffer(base64.b64decode(text), dtype=np.float16)
    except ValueError:
        return None
    if flat.size == 0 or flat.size % dim:
        return None
    return flat.astype(np.float32).reshape(-1, dim)
