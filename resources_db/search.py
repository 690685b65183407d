"""French full-text search over services, with accents ignored.

SQLite: the FTS5 table service_fts (tokenizer unicode61 with remove_diacritics 2); each
word of the query is matched as a prefix, so "agression" also finds "agressions".
PostgreSQL: the generated column service.search_vector (configuration french_unaccent:
French stemming after the unaccent extension), queried with prefix terms too.
Both require every word of the query, and rank by the engine's relevance score.
"""

import re

from sqlalchemy import and_, select, text
from sqlalchemy.orm import Session

from resources_db.matching import ServiceMatch, _with_children, to_service_match
from resources_db.models import PROVINCE_WIDE, Schedule, Service, ServiceArea, ServiceTaxonomy, TaxonomyTerm
from resources_db.text import fold

MAX_QUERY_WORDS = 10
WORD = re.compile(r"[0-9a-z]+")


def query_words(text_query: str) -> list[str]:
    """Split a user query into accent-free lowercase words, dropping punctuation and operators."""
    return WORD.findall(fold(text_query))[:MAX_QUERY_WORDS]


def _ranked_ids_sqlite(session: Session, words: list[str]) -> list[int]:
    # Quoting each word keeps FTS5 operators (AND, NEAR, -) in user text from being parsed.
    fts_query = " ".join(f'"{word}"*' for word in words)
    rows = session.execute(
        text("SELECT rowid FROM service_fts WHERE service_fts MATCH :query ORDER BY bm25(service_fts)"),
        {"query": fts_query},
    )
    return [row[0] for row in rows]


def _ranked_ids_postgresql(session: Session, words: list[str]) -> list[int]:
    ts_query = " & ".join(f"{word}:*" for word in words)
    rows = session.execute(
        text(
            "SELECT id FROM service "
            "WHERE search_vector @@ to_tsquery('french_unaccent', :query) "
            "ORDER BY ts_rank(search_vector, to_tsquery('french_unaccent', :query)) DESC, external_id"
        ),
        {"query": ts_query},
    )
    return [row[0] for row in rows]


def _filters(region: str | None, service_type: str | None, audience: str | None, open_24_7: bool | None):
    conditions = []
    if region:
        conditions.append(
            Service.service_areas.any(ServiceArea.region_code.in_([region, PROVINCE_WIDE]))
        )
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


def search_services(
    session: Session,
    text: str,
    region: str | None = None,
    service_type: str | None = None,
    audience: str | None = None,
    open_24_7: bool | None = None,
    limit: int = 50,
) -> list[ServiceMatch]:
    """Search services by words and filters; an empty text lists filtered services by id.

    `region` keeps services of that region and province-wide ones; `open_24_7` True keeps
    services with a 24/7 schedule, False those without one.
    """
    words = query_words(text)
    query = _with_children(select(Service).where(*_filters(region, service_type, audience, open_24_7)))

    if not words:
        services = session.scalars(query.order_by(Service.external_id).limit(limit))
        return [to_service_match(service, reasons=["filter match"]) for service in services]

    if session.get_bind().dialect.name == "postgresql":
        ranked_ids = _ranked_ids_postgresql(session, words)
    else:
        ranked_ids = _ranked_ids_sqlite(session, words)

    rank_of = {service_id: rank for rank, service_id in enumerate(ranked_ids)}
    services = list(session.scalars(query.where(Service.id.in_(ranked_ids)))) if ranked_ids else []
    services.sort(key=lambda service: rank_of[service.id])

    return [
        to_service_match(service, score=float(len(ranked_ids) - rank_of[service.id]), reasons=["text match"])
        for service in services[:limit]
    ]
