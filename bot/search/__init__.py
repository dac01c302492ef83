"""Finding passages: embedders, the Chroma store, dense search and the hybrid (dense + BM25) searcher."""
