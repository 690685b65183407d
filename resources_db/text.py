"""Text folding shared by ranking and search: lowercase without diacritics."""

import unicodedata


class _FoldedCharacters(dict):
    """Cache of each character's NFKD form without combining marks, keyed by code point.

    Decomposing character by character gives the same result as decomposing the whole text,
    because canonical reordering only moves combining marks, which are all removed.
    """

    def __missing__(self, code_point: int) -> str:
        decomposed = unicodedata.normalize("NFKD", chr(code_point))
        folded = "".join(char for char in decomposed if not unicodedata.combining(char))
        self[code_point] = folded
        return folded


_FOLDED_CHARACTERS = _FoldedCharacters()


def fold(text: str) -> str:
    """Lowercase and strip combining accents: "Bôme Trêve" → "bome treve"."""
    # str.translate with the cache costs one dict look-up per character, about ten times
    # less than normalising and filtering the whole text on every call.
    return text.casefold().translate(_FOLDED_CHARACTERS)
