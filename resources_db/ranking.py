"""Scoring of non-DPJ services for a match request. Higher scores rank first.

The weights are a hand-set starting point, not fitted to any data: a regional service
outranks a province-wide one of equal fit, and a 24/7 line gains the most when urgent.
"""

import re
from dataclasses import dataclass, field

from resources_db.models import PROVINCE_WIDE, Service
from resources_db.text import fold

ROLE_AUDIENCES = {"parent": "parents", "jeune": "jeunes", "ami": "grand_public", "intervenant": "intervenants"}
SITUATION_TERMS = {"soupcon": "soupcon", "situation_averee": "situation_averee", "danger": "urgence"}

REGION_WEIGHT = 3.0
AUDIENCE_WEIGHT = 2.0
SITUATION_WEIGHT = 2.0
TOPIC_WEIGHT = 5.0
# Added for the services a topic rule names, which are the reference for that topic.
NAMED_TOPIC_SERVICE_BONUS = 3.0
OPEN_24_7_WEIGHT = 4.0
LANGUAGE_WEIGHT = 2.0
PHONE_WEIGHT = 1.0
LOW_CONFIDENCE_PENALTY = 1.0
# Services for one community (First Nations and Inuit lines, English-only services) rank
# below general ones, unless the person lives in Nunavik or Eeyou Istchee, where the
# community services are the general ones, or writes in English.
SPECIALISED_AUDIENCE_PENALTY = 4.0
INDIGENOUS_AREAS = frozenset({"nunavik", "eeyou"})


@dataclass(frozen=True)
class TopicRule:
    """Conditions for a service to fit a topic: any matching situation, service type, id or word."""

    situations: frozenset[str] = frozenset()
    service_types: frozenset[str] = frozenset()
    resource_ids: frozenset[str] = frozenset()
    # Searched in the folded (accent-free, lowercase) name and description.
    patterns: tuple[re.Pattern, ...] = field(default_factory=tuple)


ONLINE_RULE = TopicRule(
    situations=frozenset({"cyber"}),
    service_types=frozenset({"retrait_images"}),
    patterns=(re.compile(r"\bsextorsion|\bleurre"),),
)
TOPIC_RULES = {
    "sextorsion": ONLINE_RULE,
    "leurre": ONLINE_RULE,
    "proxenetisme": TopicRule(
        resource_ids=frozenset({"ligne-urgence-traite", "cqctp"}),
        patterns=(re.compile(r"\bproxenet"), re.compile(r"\btraite des personnes\b")),
    ),
    "fugue": TopicRule(
        resource_ids=frozenset({"reseau-enfants-retour"}),
        patterns=(re.compile(r"\bfugue"),),
    ),
}


def is_open_24_7(service: Service) -> bool:
    return any(schedule.open_24_7 for schedule in service.schedules)


def fits_topic(service: Service, rule: TopicRule) -> bool:
    if service.external_id in rule.resource_ids:
        return True
    if rule.situations & set(service.terms("situation")):
        return True
    if rule.service_types & set(service.terms("service_type")):
        return True
    folded = fold(f"{service.name} {service.description}")
    return any(pattern.search(folded) for pattern in rule.patterns)


def score_service(service: Service, request) -> tuple[float, list[str]]:
    """Score one candidate service for a MatchRequest; return the score and its reasons."""
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

    if request.urgent and is_open_24_7(service):
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
