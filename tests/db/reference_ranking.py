"""The first, straightforward matching and search: every candidate is loaded as ORM objects
with its child rows and scored one by one. The tests compare the optimised code against it.

It scores with its own copy of the rules below and reads only the weights and topic rules
from ranking.py, so a change of formula in one place makes the comparison fail.
"""

import unicodedata

from sqlalchemy import and_, or_, select, text
from sqlalchemy.orm import Session, selectinload

from resources_db.matching import DPJ_BASE_SCORE, MatchRequest
from resources_db.models import (
    PROVINCE_WIDE, DpjRoute, Organization, Phone, Schedule, Service, ServiceArea, ServiceTaxonomy, TaxonomyTerm,
)
from resources_db.phones import phone_uri
from resources_db.ranking import (
    AUDIENCE_WEIGHT, INDIGENOUS_AREAS, LANGUAGE_WEIGHT, LOW_CONFIDENCE_PENALTY, NAMED_TOPIC_SERVICE_BONUS,
    OPEN_24_7_WEIGHT, PHONE_WEIGHT, REGION_WEIGHT, ROLE_AUDIENCES, SITUATION_TERMS, SITUATION_WEIGHT,
    SPECIALISED_AUDIENCE_PENALTY, TOPIC_RULES, TOPIC_WEIGHT, TopicRule,
)
from resources_db.search import query_words
from resources_db.service_details import PhoneInfo, ServiceMatch


def fold(text: str) -> str:
    """Lowercase and strip combining accents, as text.fold did before its per-character cache."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def with_children(query):
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
        source_date=max(source_dates) if source_dates else None,
        score=score,
        reasons=reasons or [],
    )


def reference_dpj_for_area(session: Session, region: str, area: str | None, language: str) -> list[ServiceMatch]:
    routes = list(session.scalars(select(DpjRoute).where(DpjRoute.region_code == region).order_by(DpjRoute.position)))
    area_routes = [route for route in routes if area and route.area == area]
    routes = area_routes or [route for route in routes if route.area is None]

    def language_rank(route: DpjRoute) -> int:
        if route.language == language:
            return 0
        return 1 if route.language is None else 2

    routes.sort(key=language_rank)

    services = {
        service.id: service
        for service in session.scalars(with_children(select(Service).where(Service.id.in_([r.service_id for r in routes]))))
    }
    matches = []
    for index, route in enumerate(routes):
        reasons = [f"dpj route {route.region_code}" + (f" {route.area}" if route.area else "")]
        if route.language:
            reasons.append(f"language {route.language}")
        matches.append(
            to_service_match(
                services[route.service_id], is_dpj=True, certainty=route.certainty, note=route.note,
                score=DPJ_BASE_SCORE - index, reasons=reasons,
            )
        )
    return matches


def fits_topic(service: Service, rule: TopicRule) -> bool:
    if service.external_id in rule.resource_ids:
        return True
    if rule.situations & set(service.terms("situation")):
        return True
    if rule.service_types & set(service.terms("service_type")):
        return True
    folded = fold(f"{service.name} {service.description}")
    return any(pattern.search(folded) for pattern in rule.patterns)


def score_service(service: Service, request: MatchRequest) -> tuple[float, list[str]]:
    score = 0.0
    reasons: list[str] = []

    region_codes = {area.region_code for area in service.service_areas}
    if request.region and request.region in region_codes:
        score += REGION_WEIGHT
        reasons.append(f"region match {request.region}")
    elif PROVINCE_WIDE in region_codes:
        reasons.append("province-wide")

    audience = ROLE_AUDIENCES.get(request.role or "")
    if audience and audience in service.terms("audience"):
        score += AUDIENCE_WEIGHT
        reasons.append(f"audience {audience}")

    situation = SITUATION_TERMS.get(request.situation or "")
    if situation and situation in service.terms("situation"):
        score += SITUATION_WEIGHT
        reasons.append(f"situation {situation}")

    for topic in request.topics:
        rule = TOPIC_RULES.get(topic)
        if rule and fits_topic(service, rule):
            score += TOPIC_WEIGHT
            reasons.append(f"topic {topic}")
            if service.external_id in rule.resource_ids:
                score += NAMED_TOPIC_SERVICE_BONUS
                reasons.append(f"topic {topic} reference service")

    if request.urgent and any(schedule.open_24_7 for schedule in service.schedules):
        score += OPEN_24_7_WEIGHT
        reasons.append("open 24/7")

    if request.language != "fr" and request.language in service.languages:
        score += LANGUAGE_WEIGHT
        reasons.append(f"language {request.language}")

    if service.phones:
        score += PHONE_WEIGHT
        reasons.append("has phone")

    audiences = set(service.terms("audience"))
    if "autochtones" in audiences and request.area not in INDIGENOUS_AREAS:
        score -= SPECIALISED_AUDIENCE_PENALTY
        reasons.append("specialised audience autochtones")
    if "anglophones" in audiences and request.language != "en":
        score -= SPECIALISED_AUDIENCE_PENALTY
        reasons.append("specialised audience anglophones")

    if service.confidence == "low":
        score -= LOW_CONFIDENCE_PENALTY
        reasons.append("low confidence")

    return score, reasons


def is_listable(service: Service) -> bool:
    non_emergency_phones = [phone for phone in service.phones if phone.dial_string != "911"]
    only_emergency = bool(service.phones) and not non_emergency_phones and not service.url
    return not only_emergency and bool(service.phones or service.url)


def reference_match_services(session: Session, request: MatchRequest) -> list[ServiceMatch]:
    dpj_matches = reference_dpj_for_area(session, request.region, request.area, request.language) if request.region else []
    dpj_service_ids = set(session.scalars(select(DpjRoute.service_id).distinct()))

    area_condition = ServiceArea.region_code == PROVINCE_WIDE
    if request.region:
        region_condition = ServiceArea.region_code == request.region
        if request.area:
            region_condition = and_(
                region_condition, or_(ServiceArea.area.is_(None), ServiceArea.area == request.area)
            )
        area_condition = or_(area_condition, region_condition)

    scored = []
    for service in session.scalars(with_children(select(Service).where(Service.service_areas.any(area_condition)))):
        if service.id in dpj_service_ids or not is_listable(service):
            continue
        score, reasons = score_service(service, request)
        scored.append((score, service, reasons))

    scored.sort(key=lambda item: (-item[0], item[1].external_id))
    other_matches = [to_service_match(service, score=score, reasons=reasons) for score, service, reasons in scored]
    return (dpj_matches + other_matches)[: request.limit]


def orm_filters(region=None, service_type=None, audience=None, open_24_7=None) -> list:
    conditions = []
    if region:
        conditions.append(Service.service_areas.any(ServiceArea.region_code.in_([region, PROVINCE_WIDE])))
    for vocabulary, code in (("service_type", service_type), ("audience", audience)):
        if code:
            conditions.append(
                Service.taxonomy_links.any(
                    ServiceTaxonomy.term.has(and_(TaxonomyTerm.vocabulary == vocabulary, TaxonomyTerm.code == code))
                )
            )
    if open_24_7 is not None:
        has_24_7 = Service.schedules.any(Schedule.open_24_7.is_(True))
        conditions.append(has_24_7 if open_24_7 else ~has_24_7)
    return conditions


def reference_search_ids(session: Session, text_query: str, limit: int = 50, **filters) -> list[str]:
    """Return the resource ids found by the first search: rank every text match, then filter.

    Unlike the first version, SQLite ties are ordered by rowid, as search_services now does.
    """
    words = query_words(text_query)
    conditions = orm_filters(**filters)
    if not words:
        query = select(Service.external_id).where(*conditions).order_by(Service.external_id).limit(limit)
        return list(session.scalars(query))

    if session.get_bind().dialect.name == "postgresql":
        ranked_ids = list(session.scalars(
            text(
                "SELECT id FROM service WHERE search_vector @@ to_tsquery('french_unaccent', :query) "
                "ORDER BY ts_rank(search_vector, to_tsquery('french_unaccent', :query)) DESC, external_id"
            ),
            {"query": " & ".join(f"{word}:*" for word in words)},
        ))
    else:
        ranked_ids = list(session.scalars(
            text("SELECT rowid FROM service_fts WHERE service_fts MATCH :query ORDER BY bm25(service_fts), rowid"),
            {"query": " ".join(f'"{word}"*' for word in words)},
        ))

    rank_of = {service_id: rank for rank, service_id in enumerate(ranked_ids)}
    kept = session.execute(select(Service.id, Service.external_id).where(Service.id.in_(ranked_ids), *conditions)).all()
    kept.sort(key=lambda row: rank_of[row[0]])
    return [external_id for _id, external_id in kept[:limit]]
