"""Data-quality checks (`check`) and counts (`stats`) over the stored resources."""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from resources_db.models import Organization, Service, ServiceArea, ServiceTaxonomy, TaxonomyTerm
from resources_db.phones import InvalidPhoneError, parse_phone

STALE_AFTER = timedelta(days=365)


@dataclass(frozen=True)
class Finding:
    """One problem found by `check`: its category, the resource id, and the detail."""

    category: str  # stale | missing_sources | malformed_phone | duplicate_phone | shared_phone
    resource_id: str
    detail: str

    def __str__(self) -> str:
        return f"{self.category}: {self.resource_id}: {self.detail}"


def check_resources(session: Session, today: date) -> list[Finding]:
    """List entries not verified within a year of `today`, without sources, or with bad phones.

    A number listed twice with the same kind and label in one service is a duplicate. A number
    used by several services is reported as shared_phone: a network's common line is often the
    reason, but the finding is worth a look.
    """
    findings: list[Finding] = []
    services_by_number: dict[str, list[str]] = defaultdict(list)
    query = select(Service).order_by(Service.external_id).options(
        selectinload(Service.phones), selectinload(Service.sources)
    )

    for service in session.scalars(query):
        resource_id = service.external_id

        if service.last_verified < today - STALE_AFTER:
            findings.append(Finding("stale", resource_id, f"last verified {service.last_verified.isoformat()}"))

        if not service.sources:
            findings.append(Finding("missing_sources", resource_id, "no source URL"))

        seen_in_service: set[tuple[str, str, str]] = set()
        for phone in service.phones:
            try:
                dial_string = parse_phone(phone.number, phone.type).dial_string
            except InvalidPhoneError as error:
                findings.append(Finding("malformed_phone", resource_id, str(error)))
                continue

            if (dial_string, phone.type, phone.label) in seen_in_service:
                findings.append(
                    Finding("duplicate_phone", resource_id, f"{phone.number} ({phone.type}) listed more than once")
                )
            seen_in_service.add((dial_string, phone.type, phone.label))

            if resource_id not in services_by_number[dial_string]:
                services_by_number[dial_string].append(resource_id)

    for dial_string, resource_ids in sorted(services_by_number.items()):
        if len(resource_ids) > 1:
            findings.append(
                Finding("shared_phone", resource_ids[0], f"{dial_string} also used by {', '.join(resource_ids[1:])}")
            )

    return findings


def resource_stats(session: Session) -> dict[str, Counter]:
    """Count services per region code, per organization kind and per service type."""
    per_region = Counter(
        dict(session.execute(select(ServiceArea.region_code, func.count(func.distinct(ServiceArea.service_id))).group_by(ServiceArea.region_code)).tuples().all())
    )
    per_kind = Counter(
        dict(session.execute(select(Organization.kind, func.count(Organization.id)).group_by(Organization.kind)).tuples().all())
    )
    per_service_type = Counter(
        dict(
            session.execute(
                select(TaxonomyTerm.code, func.count(ServiceTaxonomy.service_id))
                .join(ServiceTaxonomy, ServiceTaxonomy.taxonomy_term_id == TaxonomyTerm.id)
                .where(TaxonomyTerm.vocabulary == "service_type")
                .group_by(TaxonomyTerm.code)
            ).tuples().all()
        )
    )
    total = session.scalar(select(func.count(Service.id))) or 0
    return {"total": Counter({"services": total}), "region": per_region, "kind": per_kind, "service_type": per_service_type}
