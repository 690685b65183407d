import csv
import os
import subprocess
import sys

from resources_db.csv_format import write_csv
from resources_db.importer import import_resources
from resources_db.models import DpjRoute, Organization, Phone, Service, ServiceArea, Source

from .helpers import SEED, count_rows, seed_entries, snapshot, write_seed_like

SEED_ENTRIES = SEED["organizations"]


def make_bad_entries() -> list[dict]:
    """Return the seed with one broken entry (entry 4) and two invalid new entries."""
    entries = seed_entries()
    assert entries[3]["id"] == "ligneparents"
    entries[3]["phones"][0]["number"] = "123"

    bad_region = {**seed_entries()[0], "id": "test-bad-region", "regions": ["99"]}
    missing_name = {**seed_entries()[0], "id": "test-missing-name"}
    del missing_name["name"]
    return entries + [bad_region, missing_name]


def test_seed_import_counts(empty_engine):
    report = import_resources(empty_engine)

    assert report.committed
    assert report.errors == []
    assert report.inserted == 120
    assert count_rows(empty_engine, Service) == 120
    assert count_rows(empty_engine, Organization) == 120
    assert count_rows(empty_engine, Phone) == sum(len(entry["phones"]) for entry in SEED_ENTRIES)
    assert count_rows(empty_engine, ServiceArea) == sum(len(entry["regions"]) for entry in SEED_ENTRIES)
    assert count_rows(empty_engine, Source) == sum(len(entry["sources"]) for entry in SEED_ENTRIES)
    assert count_rows(empty_engine, DpjRoute) == 27


def test_seed_import_keeps_last_verified(empty_engine):
    import_resources(empty_engine)

    entries = {entry["id"]: entry for entry in snapshot(empty_engine)}
    assert entries["dpj-bas-saint-laurent"]["last_verified"] == SEED["compiled_on"]
    assert entries["dpj-bas-saint-laurent"]["phones"][0]["number"] == "1 800 463-9009"


def test_reimport_is_idempotent(empty_engine):
    import_resources(empty_engine)
    first = snapshot(empty_engine)
    phone_count = count_rows(empty_engine, Phone)

    report = import_resources(empty_engine)

    assert report.committed
    assert report.inserted == 0
    assert report.updated == 120
    assert count_rows(empty_engine, Service) == 120
    assert count_rows(empty_engine, Phone) == phone_count
    assert snapshot(empty_engine) == first


def test_bad_rows_reject_whole_import(empty_engine, tmp_path):
    import_resources(empty_engine)
    before = snapshot(empty_engine)
    bad_file = write_seed_like(tmp_path / "bad.json", make_bad_entries())

    report = import_resources(empty_engine, bad_file)

    assert not report.committed
    messages = [str(error) for error in report.errors]
    assert len(messages) == 3
    assert any("entry 4 (id ligneparents)" in m and "phones.0.number" in m for m in messages)
    assert any("entry 121 (id test-bad-region)" in m and "'99'" in m for m in messages)
    assert any("entry 122 (id test-missing-name)" in m and "name" in m for m in messages)
    assert snapshot(empty_engine) == before


def test_bad_rows_change_nothing_in_empty_database(empty_engine, tmp_path):
    bad_file = write_seed_like(tmp_path / "bad.json", make_bad_entries())

    report = import_resources(empty_engine, bad_file)

    assert not report.committed
    assert count_rows(empty_engine, Service) == 0
    assert count_rows(empty_engine, DpjRoute) == 0


def test_partial_import_keeps_valid_rows(empty_engine, tmp_path):
    bad_file = write_seed_like(tmp_path / "bad.json", make_bad_entries())

    report = import_resources(empty_engine, bad_file, partial=True)

    assert report.committed
    assert len(report.errors) == 3
    assert report.inserted == 119
    stored_ids = {entry["id"] for entry in snapshot(empty_engine)}
    assert "ligneparents" not in stored_ids
    assert "test-bad-region" not in stored_ids
    assert "dpj-bas-saint-laurent" in stored_ids


def _rewrite_csv(path, change) -> int:
    """Apply change(row) to the first row it returns True for; return that row's line number."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    for index, row in enumerate(rows[1:], start=2):
        if change(row):
            with path.open("w", encoding="utf-8", newline="") as handle:
                csv.writer(handle).writerows(rows)
            return index
    raise AssertionError(f"no row changed in {path}")


def test_csv_bad_rows_name_their_lines(empty_engine, tmp_path):
    folder = tmp_path / "csv"
    write_csv(seed_entries_with_last_verified(), folder)

    def break_phone(row):
        if row[0] == "dpj-estrie":
            row[1] = "555 123-4567"
            return True
        return False

    def break_region(row):
        if row[0] == "tel-jeunes":
            row[1] = "18"
            return True
        return False

    phone_line = _rewrite_csv(folder / "phones.csv", break_phone)
    region_line = _rewrite_csv(folder / "service_areas.csv", break_region)

    report = import_resources(empty_engine, folder)

    messages = [str(error) for error in report.errors]
    assert not report.committed
    assert any(m.startswith(f"phones.csv line {phone_line} (id dpj-estrie)") for m in messages), messages
    assert any(m.startswith(f"service_areas.csv line {region_line} (id tel-jeunes)") for m in messages), messages
    assert count_rows(empty_engine, Service) == 0

    partial_report = import_resources(empty_engine, folder, partial=True)
    assert partial_report.committed
    assert count_rows(empty_engine, Service) == 118


def seed_entries_with_last_verified() -> list[dict]:
    """Return the seed entries with last_verified filled in, as the CSV format requires."""
    return [{**entry, "last_verified": SEED["compiled_on"]} for entry in seed_entries()]


def test_cli_rejects_bad_file(cli_database, tmp_path):
    bad_file = write_seed_like(tmp_path / "bad.json", make_bad_entries())
    environment = {**os.environ, "DATABASE_URL": cli_database}

    init = subprocess.run(
        [sys.executable, "-m", "resources_db", "init"], env=environment, capture_output=True, text=True, check=False
    )
    assert init.returncode == 0, init.stderr

    result = subprocess.run(
        [sys.executable, "-m", "resources_db", "import", str(bad_file)],
        env=environment, capture_output=True, text=True, check=False,
    )

    assert result.returncode == 1
    assert "id ligneparents" in result.stderr
    assert "import rejected: 3 invalid rows, nothing was changed" in result.stderr
