"""Turning the gazetteer entries found for a text into a PlaceResolution."""

from dataclasses import replace

from resources_db.places.gazetteer import KIND_CONFIDENCE, NameEntry
from resources_db.places.index import PlaceIndex
from resources_db.places.models import PlaceMatch, PlaceResolution, UNKNOWN
from resources_db.places.normalize import strip_leading_article

# When several entries of one region match, the one shown to the user comes from the most
# official file.
KIND_PRIORITY = {"municipality": 0, "locality": 1, "region": 2, "english_name": 3, "postal_place": 4}

# Confidence of an official region name that other gazetteer names share ("Laurentides" is also
# the former town in Saint-Lin–Laurentides, region 14).
SHARED_OFFICIAL_NAME_CONFIDENCE = 0.9

# Confidence of "Québec" alone, which may be the city (03) or the whole province.
PROVINCE_NAME_CONFIDENCE = 0.5


def resolve_entries(
    index: PlaceIndex, matched_keys: list[str], entries: list[NameEntry], match_factor: float
) -> PlaceResolution:
    """Build the resolution for `entries`, found under `matched_keys`.

    `match_factor` (0..1) scales the confidence down for matches that were extracted from a
    longer sentence or found by fuzzy matching.
    """
    if not entries:
        return UNKNOWN

    official_regions = {
        index.official_region_by_key[key]
        for matched_key in matched_keys
        for key in (matched_key, strip_leading_article(matched_key))
        if key in index.official_region_by_key
    }
    spans_several_regions = len({entry.region_code for entry in entries}) > 1
    if len(official_regions) == 1 and spans_several_regions:
        return resolve_official_name(index, official_regions.pop(), match_factor)

    groups = group_by_place(entries)
    may_mean_province = any(entry.may_mean_province for entry in entries)

    if len(groups) == 1 and not may_mean_province:
        group = groups[0]
        best = to_place_match(index, representative(group), area_of(group), match_factor)
        return PlaceResolution(status="resolved", best=best, candidates=(best,))

    # Ambiguous: offer every place, the most populous (or the one the data lists first) first.
    # Each candidate gets the same share of the confidence, whatever file its name comes from.
    groups.sort(key=lambda group: (-max(entry.weight for entry in group), group[0].region_code))
    confidence_share = PROVINCE_NAME_CONFIDENCE if may_mean_province else 1.0 / len(groups)
    candidates = tuple(
        replace(to_place_match(index, representative(group), area_of(group), 1.0), confidence=round(match_factor * confidence_share, 3))
        for group in groups
    )
    return PlaceResolution(status="ambiguous", best=candidates[0], candidates=candidates)


def resolve_official_name(index: PlaceIndex, region_code: str, match_factor: float) -> PlaceResolution:
    """Resolve an official region name to its region although names in other regions share it."""
    factor = match_factor * SHARED_OFFICIAL_NAME_CONFIDENCE
    best = PlaceMatch(
        region_code=region_code,
        region_name=index.region_names[region_code],
        area=None,
        matched_name=index.region_names[region_code],
        kind="region",
        confidence=round(factor, 3),
    )
    return PlaceResolution(status="resolved", best=best, candidates=(best,))


def group_by_place(entries: list[NameEntry]) -> list[list[NameEntry]]:
    """Group entries by region and, inside Nord-du-Québec, by area.

    A region-10 entry without an area joins the area group when there is only one, so that
    "Eeyou Istchee Baie-James" (a region name and a Jamésie municipality) stays one place.
    """
    by_region: dict[str, list[NameEntry]] = {}
    for entry in entries:
        by_region.setdefault(entry.region_code, []).append(entry)

    groups = []
    for region_entries in by_region.values():
        areas = sorted({entry.area for entry in region_entries if entry.area})
        if len(areas) <= 1:
            groups.append(region_entries)
            continue

        for area in areas:
            groups.append([entry for entry in region_entries if entry.area == area])
    return groups


def area_of(group: list[NameEntry]) -> str | None:
    areas = {entry.area for entry in group if entry.area}
    return areas.pop() if len(areas) == 1 else None


def representative(group: list[NameEntry]) -> NameEntry:
    return min(group, key=lambda entry: (KIND_PRIORITY[entry.kind], -entry.weight, entry.name))


def to_place_match(index: PlaceIndex, entry: NameEntry, area: str | None, factor: float) -> PlaceMatch:
    confidence = KIND_CONFIDENCE[entry.kind] * entry.confidence_factor * factor
    return PlaceMatch(
        region_code=entry.region_code,
        region_name=index.region_names[entry.region_code],
        area=area,
        matched_name=entry.name,
        kind=entry.kind,
        confidence=round(confidence, 3),
    )
