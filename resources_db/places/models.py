"""Result types of place resolution."""

from dataclasses import dataclass

MATCH_KINDS = ("postal_code", "municipality", "locality", "postal_place", "region", "english_name")
RESOLUTION_STATUSES = ("resolved", "ambiguous", "unknown")


@dataclass(frozen=True)
class PlaceMatch:
    """One region that a user's text may designate, with the gazetteer name that led to it."""

    region_code: str  # "01".."17"
    region_name: str  # official name, e.g. "Bas-Saint-Laurent"
    area: str | None  # for region "10": "jamesie" | "eeyou" | "nunavik"; else None
    matched_name: str  # the gazetteer name matched, e.g. "Rimouski", or the FSA, e.g. "G5L"
    kind: str  # one of MATCH_KINDS
    confidence: float  # 0..1


@dataclass(frozen=True)
class PlaceResolution:
    """Outcome of resolving one text: a single region, several candidates to offer, or nothing."""

    status: str  # one of RESOLUTION_STATUSES
    best: PlaceMatch | None
    candidates: tuple[PlaceMatch, ...]  # distinct (region, area) pairs, best first


UNKNOWN = PlaceResolution(status="unknown", best=None, candidates=())
