"""resolve_place: free text or postal code → Québec administrative region."""

import logging
from dataclasses import replace

from resources_db.places.index import get_index
from resources_db.places.models import PlaceResolution
from resources_db.places.normalize import tokenize
from resources_db.places.postal import find_postal_code, resolve_fsa
from resources_db.places.text_match import resolve_tokens

logger = logging.getLogger(__name__)

# Replies to "where do you live?" are short. Longer text is cut so that one message cannot make
# the sentence scan (quadratic in the number of words) slow.
MAX_TEXT_LENGTH = 200

# Confidence when a postal code and a place name in the same text point to the same region.
NAME_AND_FSA_CONFIDENCE = 0.9


def resolve_place(text: str) -> PlaceResolution:
    """Resolve a place name, a sentence naming a place, or a postal code to a Québec region.

    A postal code decides the region when its FSA lies in one region. When the FSA straddles
    regions, a place name in the same text picks among them. Raises TypeError when `text` is not
    a string.
    """
    if not isinstance(text, str):
        raise TypeError(f"resolve_place expects text as str, got {type(text).__name__}")

    text = text[:MAX_TEXT_LENGTH]
    index = get_index()

    postal_code = find_postal_code(text)
    if postal_code is None:
        return resolve_tokens(index, tokenize(text))

    name_resolution = resolve_tokens(index, tokenize(postal_code.text_without_code))
    fsa_resolution = resolve_fsa(index, postal_code.fsa)
    if fsa_resolution is None:
        # A postal code from another province, or one that does not exist: only a name can help.
        logger.info("postal code FSA not in the Québec table, resolving the name only")
        return name_resolution

    return combine_with_name(fsa_resolution, name_resolution)


def combine_with_name(fsa_resolution: PlaceResolution, name_resolution: PlaceResolution) -> PlaceResolution:
    """Keep the FSA's regions that a name in the same text also points to.

    "Saint-Henri G0R" gives 12, because G0R covers 01 and 12 and Saint-Henri is in 06 or 12. A
    name that agrees with the FSA also supplies the Nord-du-Québec area ("Kuujjuaq J0M"). When
    they disagree, the postal code wins.
    """
    fsa_regions = {candidate.region_code for candidate in fsa_resolution.candidates}
    shared = [
        candidate for candidate in name_resolution.candidates if candidate.region_code in fsa_regions
    ]
    if len(shared) != 1:
        return fsa_resolution

    confidence = max(NAME_AND_FSA_CONFIDENCE, shared[0].confidence)
    best = replace(shared[0], confidence=confidence)
    return PlaceResolution(status="resolved", best=best, candidates=(best,))


def region_names() -> dict[str, str]:
    """Return the official name of each region by code, e.g. "01" → "Bas-Saint-Laurent"."""
    return dict(get_index().region_names)

