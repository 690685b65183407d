"""Write validated records into the database: upsert by external id."""

from sqlalchemy import select, text
from sqlalchemy.orm import Session, selectinload

from resources_db.models import (
    PROVINCE_WIDE,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceTaxonomy,
    Source,
    TaxonomyTerm,
)
from resources_db.phones import parse_phone
from resources_db.records import NORD_DU_QUEBEC_AREAS, VOCABULARY_FIELDS, ResourceRecord

CHUNK_SIZE = 500


def is_open_24_7(hours: str | None) -> bool:
    """Tell whether an hours text announces round-the-clock service ("24/7", "24 h/24")."""
    if not hours:
        return False
    folded = hours.lower().replace(" ", "")
    return "24/7" in folded or "24h/24" in folded


def region_key_to_area(region_key: str) -> tuple[str, str | None]:
    """Map a seed region key to (region_code, area): "all" → ("QC", None), "eeyou" → ("10", "eeyou")."""
    if region_key == "all":
        return PROVINCE_WIDE, None
    if region_key in NORD_DU_QUEBEC_AREAS:
        return "10", region_key
    return region_key, None


def build_search_text(record: ResourceRecord) -> str:
    """Join the words a user may search for: description, city and taxonomy terms."""
    terms = [
        term.replace("_", " ")
        for field_name in VOCABULARY_FIELDS.values()
        for term in getattr(record, field_name)
    ]
    return " ".join(part for part in [record.description_fr, record.city or "", *terms] if part)


class TermCache:
    """Get-or-create taxonomy terms, with one query per import instead of one per term."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.terms = {(term.vocabulary, term.code): term for term in session.scalars(select(TaxonomyTerm))}

    def get(self, vocabulary: str, code: str) -> TaxonomyTerm:
        term = self.terms.get((vocabulary, code))
        if term is None:
            term = TaxonomyTerm(vocabulary=vocabulary, code=code)
            self.session.add(term)
            self.terms[(vocabulary, code)] = term
        return term


def load_services_by_external_id(session: Session, external_ids: list[str]) -> dict[str, Service]:
    """Load existing services with their children, in chunks to keep IN lists short."""
    found: dict[str, Service] = {}
    for start in range(0, len(external_ids), CHUNK_SIZE):
        chunk = external_ids[start : start + CHUNK_SIZE]
        query = (
            select(Service)
            .where(Service.external_id.in_(chunk))
            .options(
                selectinload(Service.organization).selectinload(Organization.locations),
                selectinload(Service.phones),
                selectinload(Service.schedules),
                selectinload(Service.service_areas),
                selectinload(Service.taxonomy_links),
                selectinload(Service.sources),
            )
        )
        found.update({service.external_id: service for service in session.scalars(query)})
    return found


def store_records(session: Session, records: list[ResourceRecord]) -> tuple[int, int]:
    """Insert new records and update existing ones; return (inserted, updated) counts.

    An update replaces the record's phones, schedules, areas, terms and sources, so importing
    the same file twice leaves the same content. Services absent from the file are kept.
    """
    existing = load_services_by_external_id(session, [record.id for record in records])
    term_cache = TermCache(session)
    inserted = updated = 0

    # Old children go first, in their own flush, so that the new rows never meet them.
    for service in existing.values():
        service.schedules.clear()
        service.phones.clear()
        service.service_areas.clear()
        service.taxonomy_links.clear()
        service.sources.clear()
        service.organization.locations.clear()
    session.flush()

    for record in records:
        service = existing.get(record.id)
        if service is None:
            service = Service(external_id=record.id, organization=Organization(external_id=record.id))
            session.add(service)
            inserted += 1
        else:
            updated += 1
        fill_service(service, record, term_cache)

    session.flush()
    return inserted, updated


def fill_service(service: Service, record: ResourceRecord, term_cache: TermCache) -> None:
    """Copy a record's fields onto a service, its organization and their child rows."""
    organization = service.organization
    organization.name = record.name
    organization.kind = record.kind
    organization.description = record.description_fr
    organization.website = record.website
    organization.email = record.email
    if record.city:
        organization.locations.append(Location(city=record.city))

    service.name = record.name
    service.description = record.description_fr
    service.url = record.website
    service.email = record.email
    service.languages = list(record.languages)
    service.anonymous = record.anonymous
    service.confidence = record.confidence
    service.conflicts = record.conflicts
    service.last_verified = record.last_verified
    service.search_text = build_search_text(record)

    if record.hours:
        service.schedules.append(Schedule(description=record.hours, open_24_7=is_open_24_7(record.hours)))

    for position, phone_record in enumerate(record.phones):
        phone = Phone(
            position=position,
            number=phone_record.number,
            dial_string=parse_phone(phone_record.number, phone_record.kind).dial_string,
            type=phone_record.kind,
            label=phone_record.label,
            toll_free=phone_record.toll_free,
        )
        service.phones.append(phone)
        if phone_record.hours:
            schedule = Schedule(description=phone_record.hours, open_24_7=is_open_24_7(phone_record.hours))
            phone.schedule = schedule
            service.schedules.append(schedule)

    for position, region_key in enumerate(record.regions):
        region_code, area = region_key_to_area(region_key)
        service.service_areas.append(ServiceArea(position=position, region_code=region_code, area=area))

    position = 0
    for vocabulary, field_name in VOCABULARY_FIELDS.items():
        for code in getattr(record, field_name):
            service.taxonomy_links.append(
                ServiceTaxonomy(position=position, term=term_cache.get(vocabulary, code))
            )
            position += 1

    for position, source in enumerate(record.sources):
        service.sources.append(Source(position=position, url=source.url, seen_text_date=source.seen_text_date))


def refresh_search_index(session: Session) -> None:
    """Rebuild SQLite's FTS5 index from the service table; PostgreSQL's column updates itself."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("INSERT INTO service_fts(service_fts) VALUES('rebuild')"))
