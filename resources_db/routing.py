"""Load the DPJ routing table (data/dpj_routing.csv) into the dpj_route table.

Columns: region_code ("01".."17"), area (empty, or "nunavik", "eeyou", "jamesie" for region
10), language (empty for any, "fr" or "en"), resource_id (a service external id), certainty
("certain" or "uncertain") and note (French, shown to users, empty when not needed).
"""

import csv
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from resources_db.entries import RowError
from resources_db.models import DpjRoute, Service
from resources_db.records import REGION_CODES

DEFAULT_ROUTING_FILE = Path(__file__).resolve().parent / "data" / "dpj_routing.csv"
ROUTING_COLUMNS = ["region_code", "area", "language", "resource_id", "certainty", "note"]
ROUTING_AREAS = ("nunavik", "eeyou", "jamesie")
CERTAINTIES = ("certain", "uncertain")


def _row_problem(row: dict, service_ids: dict[str, int]) -> str | None:
    if row["region_code"] not in REGION_CODES:
        return f"invalid region_code {row['region_code']!r}: expected 01..17"
    if row["area"] and (row["region_code"] != "10" or row["area"] not in ROUTING_AREAS):
        return f"invalid area {row['area']!r}: only region 10 has areas ({', '.join(ROUTING_AREAS)})"
    if row["language"] not in ("", "fr", "en"):
        return f"invalid language {row['language']!r}: expected fr, en or empty"
    if row["certainty"] not in CERTAINTIES:
        return f"invalid certainty {row['certainty']!r}: expected certain or uncertain"
    if row["resource_id"] not in service_ids:
        return f"unknown resource_id {row['resource_id']!r}: import that resource first"
    return None


def load_dpj_routing(session: Session, path: Path = DEFAULT_ROUTING_FILE) -> tuple[int, list[RowError]]:
    """Replace the dpj_route table with the valid rows of the file; return (rows loaded, invalid rows)."""
    service_ids = dict(session.execute(select(Service.external_id, Service.id)).tuples().all())
    errors: list[RowError] = []
    routes: list[DpjRoute] = []

    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != ROUTING_COLUMNS:
            return 0, [RowError(f"{path.name} line 1", None, f"invalid header: expected {ROUTING_COLUMNS}")]

        for row in reader:
            location = f"{path.name} line {reader.line_num}"
            problem = _row_problem(row, service_ids)
            if problem:
                errors.append(RowError(location, row["resource_id"] or None, problem))
                continue

            routes.append(
                DpjRoute(
                    position=len(routes),
                    region_code=row["region_code"],
                    area=row["area"] or None,
                    language=row["language"] or None,
                    service_id=service_ids[row["resource_id"]],
                    certainty=row["certainty"],
                    note=row["note"] or None,
                )
            )

    session.execute(delete(DpjRoute))
    session.add_all(routes)
    session.flush()
    return len(routes), errors
