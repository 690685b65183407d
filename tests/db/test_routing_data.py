"""The bundled DPJ routing file agrees with the regions of the seed's DPJ entries."""

import csv

from resources_db.records import REGION_CODES
from resources_db.routing import DEFAULT_ROUTING_FILE

from .helpers import SEED

DPJ_REGIONS = {entry["id"]: set(entry["regions"]) for entry in SEED["organizations"] if entry["id"].startswith("dpj-")}


def routing_rows() -> list[dict]:
    with DEFAULT_ROUTING_FILE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_region_has_a_route():
    routed_regions = {row["region_code"] for row in routing_rows()}
    assert routed_regions == set(REGION_CODES)


def test_routes_point_to_dpj_serving_the_region():
    for row in routing_rows():
        regions = DPJ_REGIONS[row["resource_id"]]
        if row["area"] in ("nunavik", "eeyou"):
            assert row["area"] in regions, row
        elif row["region_code"] == "10":
            assert regions & {"10", "nunavik", "eeyou"}, row
        else:
            assert row["region_code"] in regions, row


def test_every_dpj_entry_is_routed():
    routed = {row["resource_id"] for row in routing_rows()}
    assert routed == set(DPJ_REGIONS)
