"""The snapshot-based matching and the filtered search return what the first, load-everything
versions returned (tests/db/reference_ranking.py), on the bundled seed."""

import itertools
import random

from resources_db.engine import session_scope
from resources_db.importer import import_resources
from resources_db.matching import MatchRequest, match_services
from resources_db.records import REGION_CODES
from resources_db.search import search_services
from tests.db.helpers import seed_entries, write_seed_like
from tests.db.reference_ranking import reference_match_services, reference_search_ids

ROLES = [None, "parent", "jeune", "ami", "intervenant"]
SITUATIONS = [None, "soupcon", "situation_averee", "danger"]
TOPIC_CHOICES = [(), ("sextorsion",), ("leurre",), ("proxenetisme",), ("fugue",), ("fugue", "sextorsion"), ("inconnu",)]
PLACES = [(None, None), *((code, None) for code in REGION_CODES), ("10", "nunavik"), ("10", "eeyou"), ("10", "jamesie")]
SEARCH_TEXTS = ["calacs", "agression", "dpj", "ligne écoute", "jeunes", "sextorsion", "hébergement", "police", "", "zzz"]
SEARCH_FILTERS = [
    {}, {"region": "05"}, {"region": "06"}, {"region": "10"}, {"audience": "parents"},
    {"service_type": "ligne_ecoute"}, {"open_24_7": True}, {"open_24_7": False},
    {"region": "03", "audience": "jeunes", "open_24_7": True},
]


def sampled_requests(count: int) -> list[MatchRequest]:
    """Return every place with default fields, then `count` random requests (fixed seed)."""
    rng = random.Random(20261204)
    requests = [MatchRequest(region=region, area=area, limit=200) for region, area in PLACES]
    for _ in range(count):
        region, area = rng.choice(PLACES)
        requests.append(
            MatchRequest(
                region=region,
                area=area,
                role=rng.choice(ROLES),
                situation=rng.choice(SITUATIONS),
                topics=rng.choice(TOPIC_CHOICES),
                urgent=rng.random() < 0.5,
                language=rng.choice(["fr", "en"]),
                limit=rng.choice([0, 1, 3, 5, 10, 200]),
            )
        )
    return requests


def test_match_equals_reference_ranking(seeded_engine):
    with session_scope(seeded_engine) as session:
        for request in sampled_requests(150):
            expected = reference_match_services(session, request)
            actual = match_services(session, request)
            assert [m.resource_id for m in actual] == [m.resource_id for m in expected], request
            assert actual == expected, request


def test_search_equals_reference_search(seeded_engine):
    with session_scope(seeded_engine) as session:
        for text, filters, limit in itertools.product(SEARCH_TEXTS, SEARCH_FILTERS, [3, 200]):
            expected = reference_search_ids(session, text, limit=limit, **filters)
            actual = [m.resource_id for m in search_services(session, text, limit=limit, **filters)]
            assert actual == expected, (text, filters, limit)


def test_match_sees_reimported_data(empty_engine, tmp_path):
    """A new import must change the next match, through the revision counter."""
    assert import_resources(empty_engine).committed
    request = MatchRequest(region="05", role="parent", limit=200)
    with session_scope(empty_engine) as session:
        before = [m.resource_id for m in match_services(session, request)]
    assert "calacs-agression-estrie" in before

    entries = seed_entries()
    for entry in entries:
        if entry["id"] == "calacs-agression-estrie":
            entry["regions"] = ["06"]
    assert import_resources(empty_engine, write_seed_like(tmp_path / "moved.json", entries)).committed

    with session_scope(empty_engine) as session:
        estrie = [m.resource_id for m in match_services(session, request)]
        montreal = [m.resource_id for m in match_services(session, MatchRequest(region="06", limit=200))]
    assert "calacs-agression-estrie" not in estrie
    assert "calacs-agression-estrie" in montreal
