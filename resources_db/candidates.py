"""Matching candidates held in memory: the scoring attributes of every listable non-DPJ service.

match_services ranks from this snapshot and loads full details only for the services it
returns. Each engine keeps one snapshot, tagged with the data revision it was built from. A
call that reads another revision (after an import by this process or another) rebuilds it, so
results never come from older data than the session sees. Code that writes services without
resources_db.importer must call revision.bump_revision in the same transaction.
"""

import threading
import weakref
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import Engine, select
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
    # Index into CandidateSnapshot.profiles; services with equal profiles share one score.
    profile_id: int


@dataclass(frozen=True)
class RegionalCandidate:
    candidate: Candidate
    # The area of each of the service's rows for this region (None for the whole region).
    areas: frozenset[str | None]


@dataclass
class CandidateSnapshot:
    revision: int
    profiles: list[ScoringProfile]
    # Services with a province-wide area, and the others by region code.
    province_wide: list[Candidate]
    regional: dict[str, list[RegionalCandidate]]

    def candidates_for(self, region: str | None, area: str | None) -> list[Candidate]:
        """Return the services serving the whole province, or the region (and area when given)."""
        candidates = list(self.province_wide)
        if region is None:
            return candidates

        for regional in self.regional.get(region, []):
            if area is None or None in regional.areas or area in regional.areas:
                candidates.append(regional.candidate)
        return candidates


def is_listable(url: str | None, dial_strings: list[str]) -> bool:
    """Tell whether a service has a website or a phone other than the 9-1-1 emergency number."""
    return bool(url) or any(dial_string != EMERGENCY_NUMBER for dial_string in dial_strings)


def build_snapshot(session: Session, revision: int) -> CandidateSnapshot:
    """Read the scoring attributes of every service with six column queries."""
    areas: dict[int, list[tuple[str, str | None]]] = defaultdict(list)
    for service_id, region_code, area in session.execute(
        select(ServiceArea.service_id, ServiceArea.region_code, ServiceArea.area)
    ):
        areas[service_id].append((region_code, area))

    terms: dict[tuple[int, str], set[str]] = defaultdict(set)
    for service_id, vocabulary, code in session.execute(
        select(ServiceTaxonomy.service_id, TaxonomyTerm.vocabulary, TaxonomyTerm.code).join(TaxonomyTerm)
    ):
        terms[(service_id, vocabulary)].add(code)

    dial_strings: dict[int, list[str]] = defaultdict(list)
    for service_id, dial_string in session.execute(select(Phone.service_id, Phone.dial_string)):
        dial_strings[service_id].append(dial_string)

    open_24_7_ids = set(session.scalars(select(Schedule.service_id).where(Schedule.open_24_7.is_(True))))

    # The routed DPJs are placed first by match_services, and the others serve another region
    # or another part of region 10, so no DPJ is a scored candidate.
    dpj_service_ids = set(session.scalars(select(DpjRoute.service_id)))

    snapshot = CandidateSnapshot(revision=revision, profiles=[], province_wide=[], regional=defaultdict(list))
    profile_ids: dict[ScoringProfile, int] = {}
    services = session.execute(
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

        _add_candidate(snapshot, Candidate(service_id, resource_id, profile_id), areas[service_id])

    snapshot.regional = dict(snapshot.regional)
    return snapshot


def _add_candidate(snapshot: CandidateSnapshot, candidate: Candidate, areas: list[tuple[str, str | None]]) -> None:
    """File a candidate once: under province-wide when it has such an area, else under each region."""
    if any(region_code == PROVINCE_WIDE for region_code, _area in areas):
        snapshot.province_wide.append(candidate)
        return

    areas_by_region: dict[str, set[str | None]] = defaultdict(set)
    for region_code, area in areas:
        areas_by_region[region_code].add(area)
    for region_code, region_areas in areas_by_region.items():
        snapshot.regional[region_code].append(RegionalCandidate(candidate, frozenset(region_areas)))


_snapshots: "weakref.WeakKeyDictionary[Engine, CandidateSnapshot]" = weakref.WeakKeyDictionary()
_build_lock = threading.Lock()


def candidate_snapshot(session: Session) -> CandidateSnapshot:
    """Return the engine's snapshot for the data revision the session sees, rebuilt if needed."""
    engine = session.get_bind().engine

    # The revision is read before the data. If an import commits in between, the snapshot
    # holds newer data under the older revision, which costs one more rebuild but never
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
