from resources_db.engine import session_scope
from resources_db.matching import MatchRequest, dpj_for_area, match_services, services_by_id


def match(engine, request: MatchRequest):
    with session_scope(engine) as session:
        return match_services(session, request)


def is_24_7(service_match) -> bool:
    hours = [service_match.hours or ""] + [phone.hours or "" for phone in service_match.phones]
    return any("24/7" in text for text in hours)


def test_rimouski_region_gets_its_dpj_first(seeded_engine):
    results = match(seeded_engine, MatchRequest(region="01", role="parent", situation="soupcon"))

    first = results[0]
    assert first.resource_id == "dpj-bas-saint-laurent"
    assert first.is_dpj
    assert first.certainty == "certain"
    assert first.phones[0].number == "1 800 463-9009"
    assert first.phones[0].tel_uri == "tel:+18004639009"
    assert first.reasons == ["dpj route 01"]


def test_dpj_match_carries_provenance(seeded_engine):
    first = match(seeded_engine, MatchRequest(region="01"))[0]

    assert first.last_verified.isoformat() == "2026-12-04"
    assert "https://educationspecialisee.ca/dpj" in first.source_urls
    assert first.hours == "24/7"


def test_mauricie_and_centre_share_dpj(seeded_engine):
    for region in ("04", "17"):
        results = match(seeded_engine, MatchRequest(region=region))
        assert results[0].resource_id == "dpj-mauricie-centre-du-quebec", region
        assert not any(m.is_dpj for m in results[1:]), region


def test_montreal_english_gets_batshaw_first(seeded_engine):
    results = match(seeded_engine, MatchRequest(region="06", language="en"))

    assert [m.resource_id for m in results[:2]] == ["dpj-batshaw", "dpj-montreal"]


def test_montreal_french_gets_montreal_first(seeded_engine):
    results = match(seeded_engine, MatchRequest(region="06"))

    assert [m.resource_id for m in results[:2]] == ["dpj-montreal", "dpj-batshaw"]


def test_jamesie_gets_two_uncertain_dpj(seeded_engine):
    with session_scope(seeded_engine) as session:
        results = dpj_for_area(session, "10", "jamesie")

    assert [m.resource_id for m in results] == ["dpj-saguenay-lac-saint-jean", "dpj-abitibi-temiscamingue"]
    assert all(m.certainty == "uncertain" for m in results)
    assert all("Jamésie" in (m.note or "") for m in results)


def test_nunavik_gets_both_coasts(seeded_engine):
    results = match(seeded_engine, MatchRequest(region="10", area="nunavik", limit=10))

    dpj_ids = [m.resource_id for m in results if m.is_dpj]
    assert dpj_ids == ["dpj-nunavik-ungava", "dpj-nunavik-hudson"]


def test_eeyou_gets_cree_dpj_only(seeded_engine):
    results = match(seeded_engine, MatchRequest(region="10", area="eeyou", limit=10))

    assert [m.resource_id for m in results if m.is_dpj] == ["dpj-cri-eeyou-istchee"]


def test_region_10_without_area_lists_all_dpj(seeded_engine):
    with session_scope(seeded_engine) as session:
        results = dpj_for_area(session, "10")

    assert {m.resource_id for m in results} == {
        "dpj-saguenay-lac-saint-jean", "dpj-abitibi-temiscamingue", "dpj-cri-eeyou-istchee",
        "dpj-nunavik-ungava", "dpj-nunavik-hudson",
    }
    assert all(m.certainty == "uncertain" for m in results)


def test_urgent_ranks_24_7_services_up(seeded_engine):
    base = MatchRequest(region="05", role="jeune", situation="soupcon", limit=6)
    urgent = MatchRequest(region="05", role="jeune", situation="soupcon", urgent=True, limit=6)

    calm_results = match(seeded_engine, base)[1:]
    urgent_results = match(seeded_engine, urgent)[1:]

    assert all("open 24/7" in m.reasons for m in urgent_results)
    assert sum(is_24_7(m) for m in calm_results) < len(calm_results)


def test_ranked_list_excludes_911_and_unreachable(seeded_engine):
    results = match(seeded_engine, MatchRequest(region="08", limit=200))

    ids = [m.resource_id for m in results]
    assert "urgence-911" not in ids
    assert "calacs-abitibi" not in ids  # no phone and no website in the seed
    assert all(m.phones or m.website for m in results)


def test_no_region_gives_province_wide_only(seeded_engine):
    results = match(seeded_engine, MatchRequest(region=None, limit=200))

    assert not any(m.is_dpj for m in results)
    assert all("province-wide" in m.reasons for m in results)


def test_sextortion_topic_ranks_cyberaide_up(seeded_engine):
    results = match(seeded_engine, MatchRequest(region=None, topics=("sextorsion",)))

    assert results[0].resource_id == "cyberaide"
    assert "topic sextorsion" in results[0].reasons


def test_runaway_topic_ranks_enfants_retour_up(seeded_engine):
    results = match(seeded_engine, MatchRequest(region="06", topics=("fugue",)))

    non_dpj = [m for m in results if not m.is_dpj]
    assert non_dpj[0].resource_id == "reseau-enfants-retour"


def test_ranking_is_deterministic(seeded_engine):
    request = MatchRequest(region="16", role="parent", situation="situation_averee", limit=20)

    first = [m.resource_id for m in match(seeded_engine, request)]
    second = [m.resource_id for m in match(seeded_engine, request)]

    assert first == second
    non_dpj = match(seeded_engine, request)[1:]
    for earlier, later in zip(non_dpj, non_dpj[1:]):
        assert (-earlier.score, earlier.resource_id) < (-later.score, later.resource_id)


def test_services_by_id_keeps_order_and_uris(seeded_engine):
    with session_scope(seeded_engine) as session:
        results = services_by_id(session, ["ligne-988", "urgence-911", "unknown-id", "jeunesse-j-ecoute"])

    assert [m.resource_id for m in results] == ["ligne-988", "urgence-911", "jeunesse-j-ecoute"]
    assert [p.tel_uri for p in results[0].phones] == ["tel:988", "sms:988"]
    assert results[1].phones[0].tel_uri == "tel:911"
    assert results[2].phones[1].tel_uri == "sms:686868"
    assert results[2].phones[1].kind == "text"
