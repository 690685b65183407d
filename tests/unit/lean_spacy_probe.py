"""Load fr_core_news_md through Rasa's SpacyNLP, with and without bot.lean_spacy, and compare.

Run by tests/unit/test_lean_spacy.py with the Rasa environment's Python (.venv-rasa). Prints
one JSON object on its last line.
"""

import json
import sys
from pathlib import Path

from rasa.nlu.utils.spacy_utils import SpacyNLP

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bot.lean_spacy import install_lean_spacy_loading  # noqa: E402

MESSAGES = [
    "ma fille a un nouveau chum de 25 ans pis il lui achète plein d'affaires",
    "chu a gatineau pis un gars me demande des nudes",
    "L'élève de Saint-Jean-sur-Richelieu ne veut plus rentrer chez elle.",
    "my son is in Montreal with a man he met online",
]


def token_features(nlp, text: str) -> list[list]:
    """What SpacyTokenizer and SpacyFeaturizer read from each token."""
    return [[token.text, token.lemma_, token.pos_, token.vector.round(6).tolist()] for token in nlp(text)]


def loaded_pipes() -> tuple[list[str], list[list]]:
    nlp = SpacyNLP.create({"model": "fr_core_news_md"}, None, None, None).provide().model
    return nlp.pipe_names, [token_features(nlp, text) for text in MESSAGES]


full_pipes, full_features = loaded_pipes()
install_lean_spacy_loading()
lean_pipes, lean_features = loaded_pipes()

print(json.dumps({
    "full_pipes": full_pipes,
    "lean_pipes": lean_pipes,
    "same_token_features": full_features == lean_features,
    "tokens_compared": sum(len(features) for features in lean_features),
}))
