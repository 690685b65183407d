"""Scoring of non-DPJ services for a match request. Higher scores rank first.

The weights are a hand-set starting point, not fitted to any data: a regional service
outranks a province-wide one of equal fit, and a 24/7 line gains the most when urgent.
Scores are computed from a ScoringProfile (the few attributes that matter), so that matching
never loads a service's child rows to rank it.
"""

import re
from dataclasses import dataclass, field

from resources_db.models import PROVINCE_WIDE
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


@dataclass(frozen=True)
class ScoringProfile:
    """The attributes of a service that its score depends on; hashable, so equal profiles share a score."""

    region_codes: frozenset[str]
    audiences: frozenset[str]
    situations: frozenset[str]
    # Topics of TOPIC_RULES that the service fits, and those whose rule names it by id.
    topics: frozenset[str]
    reference_topics: frozenset[str]
    open_24_7: bool
    languages: frozenset[str]
    has_phone: bool
    confidence: str


def fits_topic(
    resource_id: str, situations: frozenset[str], service_types: frozenset[str], folded_text: str, rule: TopicRule
) -> bool:
    """Tell whether a service fits a topic rule by id, situation, service type or a word of its text.

    folded_text is text.fold() of the service's name and description, joined by a space.
    """
    if resource_id in rule.resource_ids:
        return True
    if rule.situations & situations:
        return True
    if rule.service_types & service_types:
        return True
    return any(pattern.search(folded_text) for pattern in rule.patterns)


def fitting_topics(
    resource_id: str, situations: frozenset[str], service_types: frozenset[str], name: str, description: str
) -> tuple[frozenset[str], frozenset[str]]:
    """Return the topics a service fits, and the topics whose rule names the service by id."""
    folded_text = fold(f"{name} {description}")
    topics = frozenset(
        topic
        for topic, rule in TOPIC_RULES.items()
        if fits_topic(resource_id, situations, service_types, folded_text, rule)
    )
    reference_topics = frozenset(topic for topic, rule in TOPIC_RULES.items() if resource_id in rule.resource_ids)
    return topics, reference_topics


def score_profile(profile: ScoringProfile, request) -> tuple[float, list[str]]:
    """Score one candidate's profile for a MatchRequest; return the score and its reasons."""
    score = 0.0
    reasons: list[str] = []

    if request.region and request.region in profile.region_codes:
        score += REGION_WEIGHT
        reasons.append(f"region match {request.region}")
    elif PROVINCE_WIDE in profile.region_codes:
        reasons.append("province-wide")

    audience = ROLE_AUDIENCES.get(request.role or "")
    if audience and audience in profile.audiences:
        score += AUDIENCE_WEIGHT
        reasons.append(f"audience {audience}")

    situation = SITUATION_TERMS.get(request.situation or "")
    if situation and situation in profile.situations:
        score += SITUATION_WEIGHT
        reasons.append(f"situation {situation}")

    for topic in request.topics:
        if topic in profile.topics:
            score += TOPIC_WEIGHT
            reasons.append(f"topic {topic}")
            if topic in profile.reference_topics:
                score += NAMED_TOPIC_SERVICE_BONUS
                reasons.append(f"topic {topic} reference service")

    if request.urgent and profile.open_24_7:
        score += OPEN_24_7_WEIGHT
        reasons.append("open 24/7")

    if request.language != "fr" and request.language in profile.languages:
        score += LANGUAGE_WEIGHT
        reasons.append(f"language {request.language}")

    if profile.has_phone:
        score += PHONE_WEIGHT
        reasons.append("has phone")

    if "autochtones" in profile.audiences and request.area not in INDIGENOUS_AREAS:
        score -= SPECIALISED_AUDIENCE_PENALTY
        reasons.append("specialised audience autochtones")
    if "anglophones" in profile.audiences and request.language != "en":
        score -= SPECIALISED_AUDIENCE_PENALTY
        reasons.append("specialised audience anglophones")

    if profile.confidence == "low":
        score -= LOW_CONFIDENCE_PENALTY
        reasons.append("low confidence")

    return score, reasons
