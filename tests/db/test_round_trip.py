import json

import pytest

from resources_db.engine import build_engine
from resources_db.exporter import export_resources
from resources_db.importer import import_resources
from resources_db.migrations import upgrade_to_head

from .helpers import SEED, snapshot


@pytest.mark.parametrize("output_format", ["json", "csv"])
def test_export_import_round_trip(empty_engine, tmp_path, output_format):
    import_resources(empty_engine)
    original = snapshot(empty_engine)
    output = tmp_path / ("export.json" if output_format == "json" else "export_csv")

    count = export_resources(empty_engine, output, output_format)

    copy_engine = build_engine(f"sqlite:///{tmp_path / 'copy.sqlite3'}")
    upgrade_to_head(copy_engine)
    report = import_resources(copy_engine, output)

    assert count == 120
    assert report.committed, [str(error) for error in report.errors]
    assert snapshot(copy_engine) == original
    copy_engine.dispose()


def test_json_export_matches_seed(empty_engine, tmp_path):
    import_resources(empty_engine)
    output = tmp_path / "export.json"

    export_resources(empty_engine, output, "json")

    exported = {entry["id"]: entry for entry in json.loads(output.read_text(encoding="utf-8"))["organizations"]}
    for entry in SEED["organizations"]:
        expected = {**entry, "last_verified": SEED["compiled_on"]}
        assert exported[entry["id"]] == expected
