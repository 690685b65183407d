"""Tell English messages from French ones, so that the bot can answer in English."""

from functools import lru_cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

# Short messages ("ok", "hi", "Rimouski") are too ambiguous to switch the conversation's
# language, so a message needs this many words and this confidence to count as English.
# Between the two confidences the message keeps the conversation's language: "we live in
# Montreal" scores about 0.77 English, mostly because of the place name.
MIN_WORDS = 3
MIN_ENGLISH_CONFIDENCE = 0.7
MAX_ENGLISH_CONFIDENCE_FOR_FRENCH = 0.3


@lru_cache(maxsize=1)
def detector() -> LanguageDetector:
    """Return the French/English detector, its models loaded once."""
    return (
        LanguageDetectorBuilder.from_languages(Language.FRENCH, Language.ENGLISH)
        .with_preloaded_language_models()
        .build()
    )


def detect_language(text: str) -> str | None:
    """Return "en" or "fr" for a message long and clear enough to tell, else None."""
    if len(text.split()) < MIN_WORDS:
        return None
    english = detector().compute_language_confidence(text, Language.ENGLISH)
    if english >= MIN_ENGLISH_CONFIDENCE:
        return "en"
    if english <= MAX_ENGLISH_CONFIDENCE_FOR_FRENCH:
        return "fr"
    return None
