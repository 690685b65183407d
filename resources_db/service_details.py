"""The ServiceMatch API object, and its loading for a few services with plain column queries.

Loading uses four Core SELECTs (services, phones with their hours, schedules, sources)
instead of ORM objects with their relationships, because building ORM objects took most of
the time of a match or a search.
"""

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from resources_db.models import Phone, Schedule, Service, Source
from resources_db.phones import phone_uri


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


# Built once: each call only binds the id list, so SQLAlchemy reuses the compiled statements.
SERVICE_IDS = bindparam("service_ids", expanding=True)
SERVICES_QUERY = select(
    Service.id, Service.external_id, Service.name, Service.description, Service.url, Service.last_verified
).where(Service.id.in_(SERVICE_IDS))
PHONES_QUERY = (
    select(Phone.service_id, Phone.number, Phone.label, Phone.dial_string, Phone.type, Schedule.description)
    .outerjoin(Schedule, Schedule.phone_id == Phone.id)
    .where(Phone.service_id.in_(SERVICE_IDS))
    .order_by(Phone.service_id, Phone.position)
)
# Every schedule of the services: a "phone_id IS NULL" condition would lead SQLite to use the
# phone_id index, which reads every service-wide schedule of the database.
SCHEDULES_QUERY = (
    select(Schedule.service_id, Schedule.phone_id, Schedule.description)
    .where(Schedule.service_id.in_(SERVICE_IDS))
    .order_by(Schedule.service_id, Schedule.id)
)
SOURCES_QUERY = (
    select(Source.service_id, Source.url, Source.seen_text_date)
    .where(Source.service_id.in_(SERVICE_IDS))
    .order_by(Source.service_id, Source.position)
)


def load_service_matches(session: Session, service_ids: Collection[int]) -> dict[int, ServiceMatch]:
    """Load the services with these primary keys as ServiceMatch objects, keyed by primary key.

    The ranking fields keep their defaults (not a DPJ, certain, score 0, no reasons), and
    unknown ids are left out. Callers that rank set those fields with dataclasses.replace.
    """
    parameters = {"service_ids": list(service_ids)}
    if not parameters["service_ids"]:
        return {}

    # Core execution on the session's connection skips the ORM's per-statement work.
    connection = session.connection()
    rows = connection.execute(SERVICES_QUERY, parameters).all()

    phones: dict[int, list[PhoneInfo]] = defaultdict(list)
    for service_id, number, label, dial_string, phone_type, hours in connection.execute(PHONES_QUERY, parameters):
        phones[service_id].append(
            PhoneInfo(number=number, label=label, tel_uri=phone_uri(dial_string, phone_type), hours=hours, kind=phone_type)
        )

    # The service-wide hours are the first schedule not tied to a phone.
    service_hours: dict[int, str] = {}
    for service_id, phone_id, description in connection.execute(SCHEDULES_QUERY, parameters):
        if phone_id is None:
            service_hours.setdefault(service_id, description)

    sources: dict[int, list[tuple[str, str | None]]] = defaultdict(list)
    for service_id, url, seen_text_date in connection.execute(SOURCES_QUERY, parameters):
        sources[service_id].append((url, seen_text_date))

    matches = {}
    for service_id, external_id, name, description, website, last_verified in rows:
        service_sources = sources.get(service_id, [])
        source_dates = [seen for _url, seen in service_sources if seen]
        matches[service_id] = ServiceMatch(
            resource_id=external_id,
            name=name,
            description=description,
            phones=phones.get(service_id, []),
            website=website,
            hours=service_hours.get(service_id),
            is_dpj=False,
            certainty="certain",
            note=None,
            last_verified=last_verified,
            source_urls=[url for url, _seen in service_sources],
            # ISO-like date strings sort chronologically as text ("2021-2022" sorts as 2021).
            source_date=max(source_dates) if source_dates else None,
            score=0.0,
            reasons=[],
        )
    return matches
