"""Export the database in the seed's JSON format or as the CSV folder of csv_format."""

import json
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, selectinload

from resources_db.csv_format import write_csv
from resources_db.engine import session_scope
from resources_db.json_format import write_json
from resources_db.models import PROVINCE_WIDE, Organization, Phone, Service
from resources_db.records import VOCABULARY_FIELDS

SEED_FILE = Path(__file__).resolve().parent / "data" / "resources" / "resources.json"


def bundled_region_names() -> dict[str, str]:
    """Return the region names of the bundled seed file ("01" → "Bas-Saint-Laurent" …)."""
    return json.loads(SEED_FILE.read_text(encoding="utf-8"))["regions"]


def area_to_region_key(region_code: str, area: str | None) -> str:
    """Inverse of store.region_key_to_area."""
    if region_code == PROVINCE_WIDE:
        return "all"
    return area or region_code


def service_to_entry(service: Service) -> dict:
    """Build the seed-format dict of one service (the inverse of store.fill_service)."""
    organization = service.organization
    service_schedule = service.service_schedule()
    return {
        "id": service.external_id,
        "name": service.name,
        "kind": organization.kind,
        "description_fr": service.description,
        "website": service.url,
        "email": service.email,
        "phones": [
            {
                "number": phone.number,
                "label": phone.label,
                # The seed format names text-message numbers "sms".
                "kind": "sms" if phone.type == "text" else phone.type,
                "hours": phone.schedule.description if phone.schedule else None,
                "toll_free": phone.toll_free,
            }
            for phone in service.phones
        ],
        "regions": [area_to_region_key(area.region_code, area.area) for area in service.service_areas],
        "city": organization.locations[0].city if organization.locations else None,
        **{field_name: service.terms(vocabulary) for vocabulary, field_name in VOCABULARY_FIELDS.items()},
        "languages": list(service.languages),
        "hours": service_schedule.description if service_schedule else None,
        "anonymous": service.anonymous,
        "sources": [{"url": source.url, "seen_text_date": source.seen_text_date} for source in service.sources],
        "confidence": service.confidence,
        "conflicts": service.conflicts,
        "last_verified": service.last_verified.isoformat(),
    }


def read_all_entries(session: Session) -> list[dict]:
    """Return every service as a seed-format dict, ordered by external id."""
    query = (
        select(Service)
        .order_by(Service.external_id)
        .options(
            selectinload(Service.organization).selectinload(Organization.locations),
            selectinload(Service.phones).selectinload(Phone.schedule),
            selectinload(Service.schedules),
            selectinload(Service.service_areas),
            selectinload(Service.taxonomy_links),
            selectinload(Service.sources),
        )
    )
    return [service_to_entry(service) for service in session.scalars(query)]


def export_resources(engine: Engine, output: Path, output_format: str) -> int:
    """Write the database to `output` (a JSON file or a CSV folder); return the entry count."""
    with session_scope(engine) as session:
        entries = read_all_entries(session)

    if output_format == "json":
        write_json(entries, output, bundled_region_names())
    elif output_format == "csv":
        write_csv(entries, output)
    else:
        raise ValueError(f"unknown export format {output_format!r}: expected json or csv")
    return len(entries)
