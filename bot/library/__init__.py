"""The editors' pipeline: articles, cleaning, chunking, ingestion, content gaps and evaluation."""
