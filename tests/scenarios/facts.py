"""Facts the checks compare the bot's replies with, read from the repository's own data.

The DPJ numbers come from the DPJ routing table (resources_db/data/dpj_routing.csv) and the
resource seed, the referral's closing sentence from domain.yml, and the gateway's degraded
reply from content/gateway.yml.
"""

import csv
from functools import lru_cache
from pathlib import Path

import yaml

from tests.seed import phone_numbers

REPO_ROOT = Path(__file__).resolve().parent.parent.parent
DPJ_ROUTING_PATH = REPO_ROOT / "resources_db/data/dpj_routing.csv"
GATEWAY_MESSAGES_PATH = REPO_ROOT / "content/gateway.yml"


def phone_link_prefix(number: str) -> str:
    """Return how a seed number starts its Markdown tel: link in a reply: "[number](tel:"."""
    return f"[{number}](tel:"


@lru_cache(maxsize=1)
def dpj_routes() -> list[dict[str, str]]:
    with DPJ_ROUTING_PATH.open(encoding="utf-8", newline="") as routing:
        return list(csv.DictReader(routing))


def dpj_ids_for(region_code: str, area: str | None = None) -> set[str]:
    """Return the DPJ resource ids the routing table gives for a region (and area, if given).

    Without an area, every DPJ of the region counts, so Nord-du-Québec without an area accepts
    any of its DPJs and Montréal accepts both its French and English DPJ.
    """
    ids = {
        route["resource_id"]
        for route in dpj_routes()
        if route["region_code"] == region_code and (area is None or route["area"] == area)
    }
    if not ids:
        raise ValueError(f"no DPJ route for region {region_code!r} and area {area!r}")
    return ids


def dpj_link_prefixes(resource_ids: set[str]) -> set[str]:
    """Return the tel: link prefixes of every phone number of the given DPJs."""
    return {
        phone_link_prefix(number)
        for resource_id in resource_ids
        for number in phone_numbers(resource_id)
    }


@lru_cache(maxsize=1)
def all_dpj_ids() -> frozenset[str]:
    return frozenset(route["resource_id"] for route in dpj_routes())


@lru_cache(maxsize=1)
def degraded_reply_opening() -> str:
    """Return the first line of the reply the gateway sends when Rasa or the action server fails."""
    messages = yaml.safe_load(GATEWAY_MESSAGES_PATH.read_text(encoding="utf-8"))
    return messages["degraded"].strip().splitlines()[0]
