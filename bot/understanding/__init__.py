"""Understanding a message by meaning: intent and crisis from exemplar phrases and the embedder."""

from bot.understanding.classifier import CRISIS_THRESHOLD, MeaningClassifier, UnderstandingError, load_exemplars

__all__ = ["CRISIS_THRESHOLD", "MeaningClassifier", "UnderstandingError", "load_exemplars"]
