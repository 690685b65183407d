"""French full-text search over services, with accents ignored.

SQLite: the FTS5 table service_fts, with the tokenizer unicode61 (remove_diacritics 2) and
prefix indexes of 2 to 10 characters. Each query word of two letters or more is matched as a
prefix, so "agression" also finds "agressions".
PostgreSQL: the generated column service.search_vector (configuration french_unaccent:
French stemming after the unaccent extension), queried with prefix terms too.
Both require every word of the query and rank by the engine's relevance score. The filters
run in the same statement as the text match, so that the relevance function runs only for
the services that pass them, and only the returned services are read in full.
"""

import re
from dataclasses import replace

from sqlalchemy import ColumnElement, bindparam, column, func, literal_column, select, table
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Session

from resources_db.models import PROVINCE_WIDE, Schedule, Service, ServiceArea, ServiceTaxonomy, TaxonomyTerm
from resources_db.service_details import ServiceMatch, load_service_matches
from resources_db.text import fold

MAX_QUERY_WORDS = 10
WORD = re.compile(r"[0-9a-z]+")

# The FTS5 table of SQLite, whose rowid is the service id (see migration 0001).
SERVICE_FTS = table("service_fts", column("rowid"))


def query_words(text_query: str) -> list[str]:
    """Split a user query into accent-free lowercase words, dropping punctuation and operators."""
    return WORD.findall(fold(text_query))[:MAX_QUERY_WORDS]


def _filters(
    service_id: ColumnElement,
    region: str | None,
    service_type: str | None,
    audience: str | None,
    open_24_7: bool | None,
) -> list[ColumnElement]:
    """Build `service_id IN (subquery)` conditions, one per filter that is set.

    An uncorrelated subquery runs once per statement, and each row then costs one look-up in
    its result, where a correlated EXISTS would run an index search per text match.
    """
    conditions = []
    if region:
        conditions.append(
            service_id.in_(select(ServiceArea.service_id).where(ServiceArea.region_code.in_([region, PROVINCE_WIDE])))
        )

    for vocabulary, code in (("service_type", service_type), ("audience", audience)):
        if code:
            conditions.append(
                service_id.in_(
                    select(ServiceTaxonomy.service_id)
                    .join(TaxonomyTerm)
                    .where(TaxonomyTerm.vocabulary == vocabulary, TaxonomyTerm.code == code)
                )
            )

    if open_24_7 is not None:
        open_24_7_ids = select(Schedule.service_id).where(Schedule.open_24_7.is_(True))
        conditions.append(service_id.in_(open_24_7_ids) if open_24_7 else service_id.not_in(open_24_7_ids))
    return conditions


def _ranked_sqlite(session: Session, words: list[str], filters: dict, limit: int) -> list[tuple[int, float]]:
    """Return (service id, relevance) of the best matches; relevance is -bm25, higher is better."""
    # Quoting each word keeps FTS5 operators (AND, NEAR, -) in user text from being parsed.
    # A one-letter word is matched exactly: the prefix index starts at two letters, and "a"*
    # would merge the lists of every word that starts with "a".
    fts_query = " ".join(f'"{word}"' if len(word) == 1 else f'"{word}"*' for word in words)
    bm25 = func.bm25(literal_column("service_fts"))

    # "rowid + 0" keeps SQLite from handing the IN lists to FTS5 as rowid constraints, which
    # runs the text match once per listed id: 80 ms instead of 3.5 ms for "calacs" with a
    # region filter on the 10,000-service database of benchmarks/db_bench.py.
    # The filters are then checked on each text match, and bm25 runs only for those kept.
    # Ties keep the rowid order.
    # A word found in most services ("jeunes": 8,809 of 10,000) still reads its whole document
    # list, but as one list thanks to the prefix index of migration 0003.
    query = (
        select(SERVICE_FTS.c.rowid, bm25)
        .where(sql_text("service_fts MATCH :fts_query"), *_filters(SERVICE_FTS.c.rowid + 0, **filters))
        .order_by(bm25, SERVICE_FTS.c.rowid)
        .limit(limit)
    )
    rows = session.connection().execute(query, {"fts_query": fts_query})
    return [(service_id, -score) for service_id, score in rows]


def _ranked_postgresql(session: Session, words: list[str], filters: dict, limit: int) -> list[tuple[int, float]]:
    """Return (service id, ts_rank) of the best matches, ties broken by resource id."""
    search_vector = literal_column("service.search_vector")
    ts_query = func.to_tsquery(
        literal_column("'french_unaccent'::regconfig"), bindparam("ts_query", " & ".join(f"{word}:*" for word in words))
    )
    relevance = func.ts_rank(search_vector, ts_query)
    query = (
        select(Service.id, relevance)
        .where(search_vector.op("@@")(ts_query), *_filters(Service.id, **filters))
        .order_by(relevance.desc(), Service.external_id)
        .limit(limit)
    )
    return [(service_id, float(score)) for service_id, score in session.connection().execute(query)]


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
    services with a 24/7 schedule, False those without one. A text match's score is the
    engine's relevance (-bm25 on SQLite, ts_rank on PostgreSQL): higher ranks first.
    """
    if limit < 0:
        raise ValueError(f"invalid search limit {limit}: expected 0 or more")
    words = query_words(text)
    filters = {"region": region, "service_type": service_type, "audience": audience, "open_24_7": open_24_7}

    if not words:
        query = (
            select(Service.id)
            .where(*_filters(Service.id, **filters))
            .order_by(Service.external_id)
            .limit(limit)
        )
        service_ids = list(session.scalars(query))
        details = load_service_matches(session, service_ids)
        return [replace(details[service_id], reasons=["filter match"]) for service_id in service_ids]

    if session.get_bind().dialect.name == "postgresql":
        ranked = _ranked_postgresql(session, words, filters, limit)
    else:
        ranked = _ranked_sqlite(session, words, filters, limit)

    details = load_service_matches(session, [service_id for service_id, _score in ranked])
    return [
        replace(details[service_id], score=score, reasons=["text match"])
        for service_id, score in ranked
    ]
