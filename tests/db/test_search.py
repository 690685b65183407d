from resources_db.engine import session_scope
from resources_db.search import search_services


def search_ids(engine, text, **filters) -> list[str]:
    with session_scope(engine) as session:
        return [m.resource_id for m in search_services(session, text, **filters)]


def test_calacs_finds_calacs_entries(seeded_engine):
    ids = search_ids(seeded_engine, "calacs")

    assert "calacs-agression-estrie" in ids
    assert "rqcalacs" in ids
    assert "dpj-estrie" not in ids


def test_accents_are_ignored(seeded_engine):
    assert search_ids(seeded_engine, "bome") == ["calacs-la-bome-gaspesie"]
    assert search_ids(seeded_engine, "BÔME") == ["calacs-la-bome-gaspesie"]
    assert search_ids(seeded_engine, "treve") == ["calacs-treve-pour-elles"]


def test_agression_finds_calacs(seeded_engine):
    ids = search_ids(seeded_engine, "agression")

    assert "calacs-agression-estrie" in ids
    assert "viol-secours" in ids


def test_region_filter_keeps_region_and_province(seeded_engine):
    ids = search_ids(seeded_engine, "agression", region="05")

    assert "calacs-agression-estrie" in ids
    assert "rqcalacs" in ids  # province-wide
    assert "viol-secours" not in ids  # region 03


def test_filters_without_text(seeded_engine):
    ids = search_ids(seeded_engine, "", service_type="retrait_images")

    assert ids == ["aidezmoisvp", "cyberaide"]


def test_open_24_7_filter(seeded_engine):
    open_ids = search_ids(seeded_engine, "", open_24_7=True, limit=500)
    closed_ids = search_ids(seeded_engine, "", open_24_7=False, limit=500)

    assert "ligne-988" in open_ids
    assert "cyberaide" in closed_ids
    assert not set(open_ids) & set(closed_ids)


def test_query_operators_are_plain_words(seeded_engine):
    assert search_ids(seeded_engine, 'calacs AND "NEAR(') == []
    assert set(search_ids(seeded_engine, "sextorsion")) == {"aidezmoisvp", "cyberaide"}


def test_prefix_search_after_migrations(seeded_engine):
    # "agress" is a prefix of "agression" and "agressions", served by the prefix index.
    assert set(search_ids(seeded_engine, "agress")) >= {"calacs-agression-estrie", "viol-secours"}


def test_one_letter_word_is_matched_exactly(seeded_engine):
    # "a" alone would be a prefix of most words; it is matched as the word "a" (or "à").
    with_letter = set(search_ids(seeded_engine, "calacs a", limit=500))
    calacs_only = set(search_ids(seeded_engine, "calacs", limit=500))

    assert with_letter
    assert with_letter <= calacs_only
    if seeded_engine.dialect.name == "sqlite":
        # As a prefix, "a" would keep nearly every CALACS ("agression", "aide"...).
        assert len(with_letter) < len(calacs_only)
