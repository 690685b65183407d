"""Import resources from the JSON seed format or an HSDS-style CSV folder."""

import logging
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from resources_db.csv_format import read_csv_entries
from resources_db.engine import session_scope
from resources_db.entries import RowError, validate_entries
from resources_db.json_format import read_json_entries
from resources_db.revision import bump_revision
from resources_db.routing import DEFAULT_ROUTING_FILE, load_dpj_routing
from resources_db.store import refresh_search_index, store_records

logger = logging.getLogger(__name__)

DEFAULT_SEED_FILE = Path(__file__).resolve().parent / "data" / "resources" / "resources.json"


@dataclass
class ImportReport:
    """Outcome of an import: counts, the rejected rows, and whether the transaction committed."""

    inserted: int = 0
    updated: int = 0
    routes: int = 0
    errors: list[RowError] = field(default_factory=list)
    committed: bool = False


class ImportRejected(Exception):
    """Raised inside the import transaction so that it rolls back."""


def read_entries(path: Path):
    """Read a JSON file or a CSV folder into raw entries."""
    if path.is_dir():
        return read_csv_entries(path)
    return read_json_entries(path)


def import_resources(
    engine: Engine,
    path: Path = DEFAULT_SEED_FILE,
    partial: bool = False,
    routing_path: Path = DEFAULT_ROUTING_FILE,
) -> ImportReport:
    """Validate and upsert every entry of `path`, then reload the DPJ routing table.

    Without `partial`, any invalid row rejects the whole import and nothing changes. With
    `partial`, the valid entries are stored and the invalid ones are listed in the report.
    """
    report = ImportReport()
    entries, read_errors = read_entries(path)
    records, validation_errors, _rejected_ids = validate_entries(entries)
    report.errors = read_errors + validation_errors

    if report.errors and not partial:
        logger.warning("import of %s rejected: %d invalid rows", path, len(report.errors))
        return report

    try:
        with session_scope(engine) as session:
            report.inserted, report.updated = store_records(session, records)

            report.routes, routing_errors = load_dpj_routing(session, routing_path)
            report.errors.extend(routing_errors)
            if routing_errors and not partial:
                raise ImportRejected()

            refresh_search_index(session)
            bump_revision(session)
    except ImportRejected:
        logger.warning("import of %s rolled back: %d invalid routing rows", path, len(routing_errors))
        report.inserted = report.updated = report.routes = 0
        return report

    report.committed = True
    logger.info(
        "imported %s: %d inserted, %d updated, %d rows skipped",
        path, report.inserted, report.updated, len(report.errors),
    )
    return report
