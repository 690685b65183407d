"""Text folding shared by the gazetteer index and the queries, so both sides produce the same keys."""

import re
import unicodedata

# Letters that Unicode decomposition leaves whole ("Cœur-du-Québec" must match "coeur").
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae"})

_NON_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")

# Abbreviations and SMS spellings rewritten to the gazetteer's full words.
TOKEN_REWRITES = {
    "st": "saint",
    "ste": "sainte",
    "sts": "saints",
    "stes": "saintes",
    "mt": "mont",
    "3": "trois",
    "7": "sept",
    "2": "deux",
}

LEADING_ARTICLES = frozenset({"le", "la", "les", "l"})


def fold(text: str) -> str:
    """Lower-case `text`, drop accents and turn every run of punctuation, dashes or spaces into one space."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    without_accents = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _NON_ALPHANUMERIC.sub(" ", without_accents.lower()).strip()


def tokenize(text: str) -> list[str]:
    """Split folded `text` into tokens, with "St"/"Ste" and similar abbreviations expanded."""
    return [TOKEN_REWRITES.get(token, token) for token in fold(text).split()]


def to_key(text: str) -> str:
    """Return the index key of a name or a query fragment."""
    return " ".join(tokenize(text))


def strip_leading_article(key: str) -> str:
    """Return `key` without its first word when that word is le, la, les or l (from "l'")."""
    first, _, rest = key.partition(" ")
    if first in LEADING_ARTICLES and rest:
        return rest
    return key
