"""Thin access to the resource database for the actions: one short session per lookup."""

import logging

from resources_db.engine import session_scope
from resources_db.matching import (
    MatchRequest,
    ServiceMatch,
    dpj_for_area,
    match_services,
    services_by_id,
)

logger = logging.getLogger(__name__)

PROVINCE_WIDE = "00"

EMERGENCY_ID = "urgence-911"

# Lines for suicidal thoughts, most specific first.
SUICIDE_LINE_IDS = ("suicide-1866appelle", "ligne-988")

# Lines answered by people, by role, for "je veux parler à quelqu'un".
HUMAN_LINE_IDS = {
    "jeune": ("tel-jeunes", "jeunesse-j-ecoute"),
    "ami": ("tel-jeunes", "jeunesse-j-ecoute"),
    "parent": ("ligneparents", "info-social-811"),
    "intervenant": ("info-social-811", "info-aide-violence-sexuelle"),
}
DEFAULT_HUMAN_LINE_IDS = ("info-social-811", "info-aide-violence-sexuelle", "tel-jeunes")


def region_or_none(region: str | None) -> str | None:
    """Return the region code, or None for a person who gave no region."""
    return None if region in (None, PROVINCE_WIDE) else region


def find_referral(request: MatchRequest) -> list[ServiceMatch]:
    """Return the ranked services for one referral."""
    with session_scope() as session:
        services = match_services(session, request)
    logger.info(
        "referral region=%s area=%s situation=%s services=%d",
        request.region,
        request.area,
        request.situation,
        len(services),
    )
    return services


def find_dpj(region: str | None, area: str | None, language: str = "fr") -> list[ServiceMatch]:
    """Return the DPJ line or lines of a region, or [] when the region is unknown."""
    code = region_or_none(region)
    if code is None:
        return []
    with session_scope() as session:
        return dpj_for_area(session, code, area, language)


def find_by_ids(ids: tuple[str, ...] | list[str]) -> list[ServiceMatch]:
    """Return the services with these resource ids, in the same order."""
    if not ids:
        return []
    with session_scope() as session:
        return services_by_id(session, list(ids))


def services_for_references(ids: list[str]) -> dict[str, ServiceMatch]:
    """Return the services named by [[id]] references of a content text, keyed by id."""
    wanted = [resource_id for resource_id in ids if resource_id != "dpj"]
    return {service.resource_id: service for service in find_by_ids(wanted)}
