"""Service matching: the API the action server uses to pick services for a conversation.

Ranking: the region's DPJ (from the dpj_route table) comes first whenever the region is
known, then the other services ordered by ranking.score_service, ties broken by resource id.
The 9-1-1 entry is never in the list because the emergency action gives it separately.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, selectinload

from resources_db.models import PROVINCE_WIDE, DpjRoute, Organization, Phone, Service, ServiceArea
from resources_db.phones import phone_uri
from resources_db.ranking import score_service

EMERGENCY_NUMBER = "911"
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


@dataclass
class PhoneInfo:
    number: str  # display form, as in the sources: "1 800 463-9009"
    label: str
    tel_uri: str  # "tel:+18004639009", "tel:911", or "sms:686868" for text numbers
    hours: str | None
    kind: str  # "voice" | "text"


@dataclass
class ServiceMatch:
    resource_id: str
    name: str
    description: str
    phones: list[PhoneInfo]
    website: str | None
    hours: str | None
    is_dpj: bool
    certainty: str  # "certain", or "uncertain" when the DPJ routing is not sure
    note: str | None  # French note to show with the service, from the routing table
    last_verified: date
    source_urls: list[str]
    source_date: str | None  # newest seen_text_date of the sources, or None
    score: float
    reasons: list[str]


def _with_children(query):
    return query.options(
        selectinload(Service.organization).selectinload(Organization.locations),
        selectinload(Service.phones).selectinload(Phone.schedule),
        selectinload(Service.schedules),
        selectinload(Service.service_areas),
        selectinload(Service.taxonomy_links),
        selectinload(Service.sources),
    )


def to_service_match(
    service: Service,
    *,
    is_dpj: bool = False,
    certainty: str = "certain",
    note: str | None = None,
    score: float = 0.0,
    reasons: list[str] | None = None,
) -> ServiceMatch:
    """Build the API object for a loaded service."""
    phones = [
        PhoneInfo(
            number=phone.number,
            label=phone.label,
            tel_uri=phone_uri(phone.dial_string, phone.type),
            hours=phone.schedule.description if phone.schedule else None,
            kind=phone.type,
        )
        for phone in service.phones
    ]
    service_schedule = service.service_schedule()
    source_dates = [source.seen_text_date for source in service.sources if source.seen_text_date]
    return ServiceMatch(
        resource_id=service.external_id,
        name=service.name,
        description=service.description,
        phones=phones,
        website=service.url,
        hours=service_schedule.description if service_schedule else None,
        is_dpj=is_dpj,
        certainty=certainty,
        note=note,
        last_verified=service.last_verified,
        source_urls=[source.url for source in service.sources],
        # ISO-like date strings sort chronologically as text ("2021-2022" sorts as 2021).
        source_date=max(source_dates) if source_dates else None,
        score=score,
        reasons=reasons or [],
    )


def _routes_for(session: Session, region: str, area: str | None) -> list[DpjRoute]:
    """Return the routing rows of a region and area; unknown areas fall back to the region's rows."""
    query = (
        select(DpjRoute)
        .where(DpjRoute.region_code == region)
        .order_by(DpjRoute.position)
        .options(selectinload(DpjRoute.service))
    )
    routes = list(session.scalars(query))

    if area:
        area_routes = [route for route in routes if route.area == area]
        if area_routes:
            return area_routes
    return [route for route in routes if route.area is None]


def dpj_for_area(session: Session, region: str, area: str | None = None, language: str = "fr") -> list[ServiceMatch]:
    """Return the DPJ(s) serving a region and area, those in the caller's language first."""
    routes = _routes_for(session, region, area)

    # A stable sort keeps the file order within each group: requested language, any, other.
    def language_rank(route: DpjRoute) -> int:
        if route.language == language:
            return 0
        return 1 if route.language is None else 2

    routes.sort(key=language_rank)

    services = {
        service.id: service
        for service in session.scalars(_with_children(select(Service).where(Service.id.in_([r.service_id for r in routes]))))
    }

    matches = []
    for index, route in enumerate(routes):
        reasons = [f"dpj route {route.region_code}" + (f" {route.area}" if route.area else "")]
        if route.language:
            reasons.append(f"language {route.language}")
        matches.append(
            to_service_match(
                services[route.service_id],
                is_dpj=True,
                certainty=route.certainty,
                note=route.note,
                score=DPJ_BASE_SCORE - index,
                reasons=reasons,
            )
        )
    return matches


def _is_listable(service: Service) -> bool:
    """Tell whether a service has a phone or website other than the 9-1-1 emergency number."""
    non_emergency_phones = [phone for phone in service.phones if phone.dial_string != EMERGENCY_NUMBER]
    only_emergency = bool(service.phones) and not non_emergency_phones and not service.url
    return not only_emergency and bool(service.phones or service.url)


def _candidate_query(request: MatchRequest):
    """Select services serving the whole province or the requested region (and area)."""
    area_condition = ServiceArea.region_code == PROVINCE_WIDE
    if request.region:
        region_condition = ServiceArea.region_code == request.region
        if request.area:
            region_condition = and_(
                region_condition, or_(ServiceArea.area.is_(None), ServiceArea.area == request.area)
            )
        area_condition = or_(area_condition, region_condition)

    return _with_children(select(Service).where(Service.service_areas.any(area_condition)))


def match_services(session: Session, request: MatchRequest) -> list[ServiceMatch]:
    """Return up to request.limit services for a request, ranked, each with its reasons."""
    dpj_matches = dpj_for_area(session, request.region, request.area, request.language) if request.region else []

    # Every DPJ is left out of the scored list: the routed ones are already first, and the
    # others serve another region or another part of region 10.
    dpj_service_ids = set(session.scalars(select(DpjRoute.service_id).distinct()))

    # TODO: this loads every candidate with all its child rows before scoring, which took about
    # 1 s per call (p50) at 10,000 services on SQLite (docs/benchmarks.md). Score from a
    # lighter query and load children only for the top `limit` services.
    scored = []
    for service in session.scalars(_candidate_query(request)):
        if service.id in dpj_service_ids or not _is_listable(service):
            continue
        score, reasons = score_service(service, request)
        scored.append((score, service, reasons))

    scored.sort(key=lambda item: (-item[0], item[1].external_id))
    other_matches = [to_service_match(service, score=score, reasons=reasons) for score, service, reasons in scored]
    return (dpj_matches + other_matches)[: request.limit]


def services_by_id(session: Session, ids: Sequence[str]) -> list[ServiceMatch]:
    """Return the services with these resource ids, in the order given; unknown ids are skipped."""
    services = {
        service.external_id: service
        for service in session.scalars(_with_children(select(Service).where(Service.external_id.in_(list(ids)))))
    }
    dpj_service_ids = set(session.scalars(select(DpjRoute.service_id).distinct()))
    return [
        to_service_match(services[resource_id], is_dpj=services[resource_id].id in dpj_service_ids)
        for resource_id in ids
        if resource_id in services
    ]
