"""Canadian postal codes in free text, and their region through the FSA table."""

import re
from dataclasses import dataclass

from resources_db.places.index import PlaceIndex
from resources_db.places.models import PlaceMatch, PlaceResolution

# A full code ("G5L 3A1", "g5l3a1", "G5L-3A1") or its FSA alone ("G5L"), not glued to other
# letters or digits. Québec FSAs start with G, H or J; other provinces' codes are found too, so
# that the caller can tell they are outside Québec.
POSTAL_CODE_PATTERN = re.compile(
    r"(?<![a-z0-9])(?P<fsa>[a-z][0-9][a-z])(?:[\s-]?(?P<ldu>[0-9][a-z][0-9]))?(?![a-z0-9])",
    re.IGNORECASE,
)

# The FSA table is derived from GeoNames postal codes (see resources_db/data/geo/README.md), so a
# single-region FSA is a strong but not certain sign.
SINGLE_REGION_FSA_CONFIDENCE = 0.95


# NOTE: only the FSA decides the region, because the gazetteer has no table of full postal codes.
# A full code in a multi-region FSA (G0R, J0T...) therefore stays ambiguous.


@dataclass(frozen=True)
class PostalCodeMention:
    fsa: str  # upper case, e.g. "G5L"
    text_without_code: str  # the rest of the text, for name matching


def find_postal_code(text: str) -> PostalCodeMention | None:
    """Return the first postal code or FSA written in `text`, or None."""
    found = POSTAL_CODE_PATTERN.search(text)
    if found is None:
        return None

    text_without_code = f"{text[:found.start()]} {text[found.end():]}"
    return PostalCodeMention(fsa=found["fsa"].upper(), text_without_code=text_without_code)


def resolve_fsa(index: PlaceIndex, fsa: str) -> PlaceResolution | None:
    """Resolve a Québec FSA to its region, or to its regions when it straddles several.

    Returns None when the FSA is not in the Québec table (another province, or a code that does
    not exist).
    """
    fsa_regions = index.fsa_regions.get(fsa)
    if not fsa_regions:
        return None

    if len(fsa_regions) == 1:
        only = fsa_regions[0]
        best = PlaceMatch(
            region_code=only.region_code,
            region_name=index.region_names[only.region_code],
            area=only.area,
            matched_name=fsa,
            kind="postal_code",
            confidence=SINGLE_REGION_FSA_CONFIDENCE,
        )
        return PlaceResolution(status="resolved", best=best, candidates=(best,))

    # The share of the FSA's postal codes in each region orders the buttons.
    candidates = tuple(
        PlaceMatch(
            region_code=fsa_region.region_code,
            region_name=index.region_names[fsa_region.region_code],
            area=fsa_region.area,
            matched_name=fsa,
            kind="postal_code",
            confidence=round(fsa_region.share, 3),
        )
        for fsa_region in fsa_regions
    )
    return PlaceResolution(status="ambiguous", best=candidates[0], candidates=candidates)
