"""Tell English messages from French ones, so that the bot can answer in English."""

from functools import lru_cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

# Short messages ("ok", "hi", "Rimouski") are too ambiguous to switch the conversation's
# language, so a message needs this many words and this confidence to count as English.
MIN_WORDS = 3
MIN_ENGLISH_CONFIDENCE = 0.8


@lru_cache(maxsize=1)
def detector() -> LanguageDetector:
    """Return the French/English detector, its models loaded once."""
    return (
        LanguageDetectorBuilder.from_languages(Language.FRENCH, Language.ENGLISH)
        .with_preloaded_language_models()
        .build()
    )


def detect_language(text: str) -> str | None:
    """Return "en" or "fr" for a message long enough to tell, else None."""
    if len(text.split()) < MIN_WORDS:
        return None
    english = detector().compute_language_confidence(text, Language.ENGLISH)
    return "en" if english >= MIN_ENGLISH_CONFIDENCE else "fr"
