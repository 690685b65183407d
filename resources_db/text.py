"""Text folding shared by ranking and search: lowercase without diacritics."""

import unicodedata


def fold(text: str) -> str:
    """Lowercase and strip combining accents: "Bôme Trêve" → "bome treve"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))
