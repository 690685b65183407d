"""Service matching: the API the action server uses to pick services for a conversation.

Ranking: the region's DPJ (from the dpj_route table) comes first whenever the region is
known, then the other services ordered by ranking.score_profile, ties broken by resource id.
The 9-1-1 entry is never in the list because the emergency action gives it separately.
Scores come from the in-memory candidate snapshot (candidates.py); only the returned
services are read in full.
"""

import heapq
import itertools
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from resources_db.candidates import Candidate, CandidateGroup, CandidateSnapshot, Route, candidate_snapshot
from resources_db.models import DpjRoute, Service
from resources_db.ranking import score_profile
from resources_db.service_details import PhoneInfo, ServiceMatch, load_service_matches

__all__ = [
    "DPJ_BASE_SCORE", "MatchRequest", "PhoneInfo", "ServiceMatch",
    "dpj_for_area", "match_services", "services_by_id",
]

DPJ_BASE_SCORE = 1000.0


@dataclass(frozen=True)
class MatchRequest:
    region: str | None  # "01".."17" or None (province-wide only)
    area: str | None = None  # "nunavik" | "eeyou" | "jamesie" for region "10"
    role: str | None = None  # "parent" | "jeune" | "ami" | "intervenant"
    situation: str | None = None  # "soupcon" | "situation_averee" | "danger"
    topics: tuple[str, ...] = ()  # "sextorsion" | "leurre" | "proxenetisme" | "fugue"
    urgent: bool = False
    language: str = "fr"  # "fr" | "en"
    limit: int = 5

    def __post_init__(self) -> None:
        if self.limit < 0:
            raise ValueError(f"invalid MatchRequest.limit {self.limit}: expected 0 or more")


def _routes_for(snapshot: CandidateSnapshot, region: str, area: str | None, language: str) -> list[Route]:
    """Return the routing rows of a region and area, those in the caller's language first.

    An area without rows of its own falls back to the region's rows without an area.
    """
    routes = snapshot.routes.get(region, [])
    area_routes = [route for route in routes if area and route.area == area]
    routes = area_routes or [route for route in routes if route.area is None]

    # A stable sort keeps the file order within each group: requested language, any, other.
    def language_rank(route: Route) -> int:
        if route.language == language:
            return 0
        return 1 if route.language is None else 2

    return sorted(routes, key=language_rank)


def _dpj_matches(routes: list[Route], details: dict[int, ServiceMatch]) -> list[ServiceMatch]:
    matches = []
    for index, route in enumerate(routes):
        reasons = [f"dpj route {route.region_code}" + (f" {route.area}" if route.area else "")]
        if route.language:
            reasons.append(f"language {route.language}")
        matches.append(
            replace(
                details[route.service_id],
                is_dpj=True,
                certainty=route.certainty,
                note=route.note,
                score=DPJ_BASE_SCORE - index,
                reasons=reasons,
            )
        )
    return matches


def dpj_for_area(session: Session, region: str, area: str | None = None, language: str = "fr") -> list[ServiceMatch]:
    """Return the DPJ(s) serving a region and area, those in the caller's language first."""
    routes = _routes_for(candidate_snapshot(session), region, area, language)
    details = load_service_matches(session, {route.service_id for route in routes})
    return _dpj_matches(routes, details)


def _with_reasons(group: CandidateGroup, reasons: list[str]) -> Iterator[tuple[str, Candidate, list[str]]]:
    for candidate in group.candidates:
        yield candidate.resource_id, candidate, reasons


def top_candidates(
    snapshot: CandidateSnapshot, request: MatchRequest, count: int
) -> list[tuple[float, list[str], Candidate]]:
    """Return the `count` best candidates for a request as (score, reasons, candidate).

    Higher scores come first, and equal scores in resource id order. Each group of equal
    profiles is scored once, and only the groups of the best scores are read.
    """
    scores: dict[int, tuple[float, list[str]]] = {}
    groups_by_score: dict[float, list[CandidateGroup]] = defaultdict(list)
    for group in snapshot.groups_for(request.region, request.area):
        scored = scores.get(group.profile_id)
        if scored is None:
            scored = scores[group.profile_id] = score_profile(snapshot.profiles[group.profile_id], request)
        groups_by_score[scored[0]].append(group)

    best: list[tuple[float, list[str], Candidate]] = []
    for score in sorted(groups_by_score, reverse=True):
        if len(best) >= count:
            break
        # Each group's candidates are sorted by resource id, so merging keeps ties in id order.
        # Resource ids are unique, so the tuples never compare their other fields.
        same_score = heapq.merge(
            *(_with_reasons(group, scores[group.profile_id][1]) for group in groups_by_score[score])
        )
        for _resource_id, candidate, reasons in itertools.islice(same_score, count - len(best)):
            best.append((score, reasons, candidate))
    return best


def match_services(session: Session, request: MatchRequest) -> list[ServiceMatch]:
    """Return up to request.limit services for a request, ranked, each with its reasons."""
    snapshot = candidate_snapshot(session)
    routes = _routes_for(snapshot, request.region, request.area, request.language) if request.region else []
    best = top_candidates(snapshot, request, max(0, request.limit - len(routes)))

    details = load_service_matches(
        session, {route.service_id for route in routes} | {candidate.service_id for _s, _r, candidate in best}
    )
    other_matches = [
        replace(details[candidate.service_id], score=score, reasons=list(reasons))
        for score, reasons, candidate in best
    ]
    return (_dpj_matches(routes, details) + other_matches)[: request.limit]


def services_by_id(session: Session, ids: Sequence[str]) -> list[ServiceMatch]:
    """Return the services with these resource ids, in the order given; unknown ids are skipped."""
    primary_keys = dict(session.execute(select(Service.external_id, Service.id).where(Service.external_id.in_(list(ids)))).tuples().all())
    details = load_service_matches(session, primary_keys.values())
    dpj_service_ids = set(
        session.scalars(select(DpjRoute.service_id).where(DpjRoute.service_id.in_(list(primary_keys.values()))))
    )
    return [
        replace(details[primary_keys[resource_id]], is_dpj=primary_keys[resource_id] in dpj_service_ids)
        for resource_id in ids
        if resource_id in primary_keys
    ]
