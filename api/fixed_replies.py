"""Replies the gateway builds itself: the danger reply and the degraded-mode reply.

Their wording lives in content/gateway.yml and their phone numbers come from the resource
database, read once at start-up, so they answer even when Rasa and the action server are down.
"""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from resources_db.engine import session_scope
from resources_db.matching import ServiceMatch, services_by_id

GATEWAY_MESSAGES_PATH = Path(__file__).resolve().parent.parent / "content" / "gateway.yml"

EMERGENCY_ID = "urgence-911"
# Lines given when the bot cannot answer: Info-Social, then the youth and parent lines.
DEGRADED_LINE_IDS = ("info-social-811", "tel-jeunes", "jeunesse-j-ecoute", "ligneparents")


@dataclass(frozen=True)
class FixedReplies:
    """The ready-made texts, numbers included."""

    emergency: str
    degraded: str
    message_too_long: str
    message_empty: str


def link(service: ServiceMatch) -> str:
    """Return the service's first phone as a Markdown tel: link."""
    phone = service.phones[0]
    return f"[{phone.number}]({phone.tel_uri})"


def line_summary(service: ServiceMatch) -> str:
    """Return "Name : number" for a line of the degraded reply."""
    return f"• {service.name} : {link(service)}"


@lru_cache(maxsize=1)
def fixed_replies() -> FixedReplies:
    """Build the fixed replies from content/gateway.yml and the resource database."""
    texts = yaml.safe_load(GATEWAY_MESSAGES_PATH.read_text(encoding="utf-8"))
    with session_scope() as session:
        services = services_by_id(session, [EMERGENCY_ID, *DEGRADED_LINE_IDS])

    by_id = {service.resource_id: service for service in services}
    if EMERGENCY_ID not in by_id:
        raise RuntimeError(
            f"the resource database has no {EMERGENCY_ID!r} entry; run 'python -m resources_db import'"
        )
    emergency_link = link(by_id[EMERGENCY_ID])
    lines = "\n".join(
        line_summary(by_id[line_id]) for line_id in DEGRADED_LINE_IDS if line_id in by_id
    )
    return FixedReplies(
        emergency=texts["emergency"].format(emergency_link=emergency_link),
        degraded=texts["degraded"].format(emergency_link=emergency_link, lines=lines).strip(),
        message_too_long=texts["message_too_long"],
        message_empty=texts["message_empty"],
    )
