"""Matching data held in memory: the DPJ routing rows and the scoring attributes of every
listable non-DPJ service, grouped by equal scoring profile.

match_services ranks from this snapshot and reads only the returned services from the
database. Each engine keeps one snapshot, tagged with the data revision it was built from. A
call that reads another revision (after an import by this process or another) rebuilds it, so
results never come from older data than the session reads. Code that writes services without
resources_db.importer must call revision.bump_revision in the same transaction.
"""

import threading
import weakref
from collections import defaultdict
from dataclasses import dataclass, field
from operator import attrgetter

from sqlalchemy import Connection, Engine, select
from sqlalchemy.orm import Session

from resources_db.models import (
    PROVINCE_WIDE,
    DpjRoute,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceTaxonomy,
    TaxonomyTerm,
)
from resources_db.ranking import ScoringProfile, fitting_topics
from resources_db.revision import current_revision

EMERGENCY_NUMBER = "911"


@dataclass(frozen=True)
class Candidate:
    service_id: int
    resource_id: str


@dataclass
class CandidateGroup:
    """Candidates with one scoring profile (so one score per request), sorted by resource id."""

    profile_id: int
    # For a regional group: the areas of its services' rows in that region (None for the
    # whole region). Empty for the province-wide groups, which every request gets.
    areas: frozenset[str | None]
    candidates: list[Candidate] = field(default_factory=list)


@dataclass(frozen=True)
class Route:
    """A dpj_route row."""

    region_code: str
    area: str | None
    language: str | None
    service_id: int
    certainty: str
    note: str | None


@dataclass
class CandidateSnapshot:
    revision: int
    profiles: list[ScoringProfile]
    province_wide: list[CandidateGroup]
    regional: dict[str, list[CandidateGroup]]
    # Routing rows by region code, in file order.
    routes: dict[str, list[Route]]

    def groups_for(self, region: str | None, area: str | None) -> list[CandidateGroup]:
        """Return the groups serving the whole province, or the region (and area when given)."""
        groups = list(self.province_wide)
        if region is None:
            return groups

        for group in self.regional.get(region, []):
            if area is None or None in group.areas or area in group.areas:
                groups.append(group)
        return groups


def is_listable(url: str | None, dial_strings: list[str]) -> bool:
    """Tell whether a service has a website or a phone other than the 9-1-1 emergency number."""
    return bool(url) or any(dial_string != EMERGENCY_NUMBER for dial_string in dial_strings)


def _load_routes(connection: Connection) -> dict[str, list[Route]]:
    routes: dict[str, list[Route]] = defaultdict(list)
    query = select(
        DpjRoute.region_code, DpjRoute.area, DpjRoute.language, DpjRoute.service_id, DpjRoute.certainty, DpjRoute.note
    ).order_by(DpjRoute.position)
    for row in connection.execute(query):
        routes[row.region_code].append(Route(*row))
    return dict(routes)


def build_snapshot(session: Session, revision: int) -> CandidateSnapshot:
    """Read the routing rows and the scoring attributes of every service, with seven column queries.

    NOTE: the first match after each import waits for this: 40 ms for the 120-service seed and
    1.2 s at 10,000 services in benchmarks/db_bench.py, on a loaded 2-core machine.
    """
    # Core execution on the session's connection skips the ORM's per-row work.
    connection = session.connection()

    areas: dict[int, list[tuple[str, str | None]]] = defaultdict(list)
    for service_id, region_code, area in connection.execute(
        select(ServiceArea.service_id, ServiceArea.region_code, ServiceArea.area)
    ):
        areas[service_id].append((region_code, area))

    terms: dict[tuple[int, str], set[str]] = defaultdict(set)
    for service_id, vocabulary, code in connection.execute(
        select(ServiceTaxonomy.service_id, TaxonomyTerm.vocabulary, TaxonomyTerm.code).join(TaxonomyTerm)
    ):
        terms[(service_id, vocabulary)].add(code)

    dial_strings: dict[int, list[str]] = defaultdict(list)
    for service_id, dial_string in connection.execute(select(Phone.service_id, Phone.dial_string)):
        dial_strings[service_id].append(dial_string)

    open_24_7_ids = set(connection.scalars(select(Schedule.service_id).where(Schedule.open_24_7.is_(True))))
    routes = _load_routes(connection)

    # The routed DPJs are placed first by match_services, and the others serve another region
    # or another part of region 10, so no DPJ is a scored candidate.
    dpj_service_ids = {route.service_id for region_routes in routes.values() for route in region_routes}

    snapshot = CandidateSnapshot(revision=revision, profiles=[], province_wide=[], regional={}, routes=routes)
    profile_ids: dict[ScoringProfile, int] = {}
    groups: dict[tuple[str, frozenset[str | None], int], CandidateGroup] = {}
    services = connection.execute(
        select(Service.id, Service.external_id, Service.name, Service.description, Service.url,
               Service.languages, Service.confidence)
    )
    for service_id, resource_id, name, description, url, languages, confidence in services:
        if service_id in dpj_service_ids or not is_listable(url, dial_strings[service_id]):
            continue

        situations = frozenset(terms[(service_id, "situation")])
        service_types = frozenset(terms[(service_id, "service_type")])
        topics, reference_topics = fitting_topics(resource_id, situations, service_types, name, description)
        profile = ScoringProfile(
            region_codes=frozenset(region_code for region_code, _area in areas[service_id]),
            audiences=frozenset(terms[(service_id, "audience")]),
            situations=situations,
            topics=topics,
            reference_topics=reference_topics,
            open_24_7=service_id in open_24_7_ids,
            languages=frozenset(languages),
            has_phone=bool(dial_strings[service_id]),
            confidence=confidence,
        )
        profile_id = profile_ids.setdefault(profile, len(profile_ids))
        if profile_id == len(snapshot.profiles):
            snapshot.profiles.append(profile)

        candidate = Candidate(service_id, resource_id)
        for group_key in _group_keys(areas[service_id], profile_id):
            group = groups.get(group_key)
            if group is None:
                group = groups[group_key] = CandidateGroup(profile_id=profile_id, areas=group_key[1])
                _file_group(snapshot, group_key[0], group)
            group.candidates.append(candidate)

    # Sorted in Python, because PostgreSQL's ORDER BY follows the database collation, which may
    # differ from the str order that match_services uses to break ties.
    for group in groups.values():
        group.candidates.sort(key=attrgetter("resource_id"))
    return snapshot


def _group_keys(
    areas: list[tuple[str, str | None]], profile_id: int
) -> list[tuple[str, frozenset[str | None], int]]:
    """Return the (region code, areas, profile) groups of a service: the province-wide group
    when it has a province-wide area, because that group is in every request, else one per region."""
    if any(region_code == PROVINCE_WIDE for region_code, _area in areas):
        return [(PROVINCE_WIDE, frozenset(), profile_id)]

    areas_by_region: dict[str, set[str | None]] = defaultdict(set)
    for region_code, area in areas:
        areas_by_region[region_code].add(area)
    return [(region_code, frozenset(region_areas), profile_id) for region_code, region_areas in areas_by_region.items()]


def _file_group(snapshot: CandidateSnapshot, region_code: str, group: CandidateGroup) -> None:
    if region_code == PROVINCE_WIDE:
        snapshot.province_wide.append(group)
    else:
        snapshot.regional.setdefault(region_code, []).append(group)


_snapshots: "weakref.WeakKeyDictionary[Engine, CandidateSnapshot]" = weakref.WeakKeyDictionary()
_build_lock = threading.Lock()


def candidate_snapshot(session: Session) -> CandidateSnapshot:
    """Return the engine's snapshot for the data revision that the session reads, rebuilt if needed."""
    engine = session.get_bind().engine

    # The revision is read before the data. If an import commits in between, the snapshot
    # contains newer data under the older revision, which costs one more rebuild but never
    # serves stale data.
    revision = current_revision(session)
    snapshot = _snapshots.get(engine)
    if snapshot is not None and snapshot.revision == revision:
        return snapshot

    with _build_lock:
        snapshot = _snapshots.get(engine)
        if snapshot is None or snapshot.revision != revision:
            snapshot = build_snapshot(session, revision)
            _snapshots[engine] = snapshot
    return snapshot
