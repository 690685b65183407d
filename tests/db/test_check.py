from datetime import date

from resources_db.checks import check_resources, resource_stats
from resources_db.engine import session_scope
from resources_db.cli import main


def test_check_on_fresh_seed(seeded_engine):
    with session_scope(seeded_engine) as session:
        findings = check_resources(session, today=date(2026, 12, 4))

    categories = {finding.category for finding in findings}
    assert categories == {"shared_phone"}
    shared = {finding.detail.split()[0] for finding in findings}
    assert shared == {"+18665322822", "811", "911"}


def test_check_lists_stale_entries_after_a_year(seeded_engine):
    with session_scope(seeded_engine) as session:
        findings = check_resources(session, today=date(2027, 12, 5))

    stale = [finding for finding in findings if finding.category == "stale"]
    assert len(stale) == 120
    assert str(stale[0]).endswith("last verified 2026-12-04")


def test_check_is_clean_one_day_before_a_year(seeded_engine):
    with session_scope(seeded_engine) as session:
        findings = check_resources(session, today=date(2027, 12, 4))

    assert not [finding for finding in findings if finding.category == "stale"]


def test_stats_counts(seeded_engine):
    with session_scope(seeded_engine) as session:
        stats = resource_stats(session)

    assert stats["total"]["services"] == 120
    assert stats["region"]["QC"] == 22
    assert stats["region"]["06"] == 16
    assert stats["region"]["10"] == 8  # 3 for the whole region, 3 Nunavik, 2 Eeyou Istchee
    assert stats["kind"]["communautaire"] == 62
    assert stats["service_type"]["retrait_images"] == 2


def test_cli_check_prints_summary(cli_database, capsys):
    assert main(["init"]) == 0
    assert main(["import"]) == 0
    capsys.readouterr()

    assert main(["check", "--today", "2026-12-04"]) == 0

    output = capsys.readouterr().out
    assert "shared_phone: cavac-abitibi-temiscamingue: +18665322822 also used by" in output
    assert output.strip().endswith("3 findings (shared_phone 3)")
