"""The HSDS-style CSV format: a folder of five UTF-8 CSV files with a header row.

services.csv        id, name, kind, description_fr, website, email, city, hours, anonymous,
                    languages, confidence, conflicts, last_verified
phones.csv          service_id, number, label, kind, hours, toll_free
service_areas.csv   service_id, region
service_taxonomy.csv service_id, vocabulary, term
sources.csv         service_id, url, seen_text_date

Lists inside a cell (languages) are separated by ";". Booleans are "true" or "false"; an
empty cell is a missing value. Child rows keep their order, which is the order shown to users.
"""

import csv
from pathlib import Path

from resources_db.entries import RawEntry, RowError
from resources_db.records import VOCABULARY_FIELDS

SERVICE_COLUMNS = [
    "id", "name", "kind", "description_fr", "website", "email", "city", "hours", "anonymous",
    "languages", "confidence", "conflicts", "last_verified",
]
PHONE_COLUMNS = ["service_id", "number", "label", "kind", "hours", "toll_free"]
AREA_COLUMNS = ["service_id", "region"]
TAXONOMY_COLUMNS = ["service_id", "vocabulary", "term"]
SOURCE_COLUMNS = ["service_id", "url", "seen_text_date"]

CHILD_FILES = {
    "phones": ("phones.csv", PHONE_COLUMNS),
    "regions": ("service_areas.csv", AREA_COLUMNS),
    "taxonomy": ("service_taxonomy.csv", TAXONOMY_COLUMNS),
    "sources": ("sources.csv", SOURCE_COLUMNS),
}


def _optional(value: str | None) -> str | None:
    return value if value not in (None, "") else None


def _parse_bool(value: str | None, column: str, errors: list[str]) -> bool | None:
    if value in (None, ""):
        return None
    if value.lower() in ("true", "false"):
        return value.lower() == "true"
    errors.append(f"{column}: invalid boolean {value!r}: expected true or false")
    return None


def _read_rows(path: Path, columns: list[str]) -> tuple[list[tuple[int, dict]], list[RowError]]:
    """Read a CSV file into (line number, row) pairs; check that the header has every column."""
    if not path.exists():
        return [], [RowError(path.name, None, f"missing file {path}")]

    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [column for column in columns if column not in (reader.fieldnames or [])]
        if missing:
            return [], [RowError(f"{path.name} line 1", None, f"missing columns {missing}")]
        return [(reader.line_num, row) for row in reader], []


def read_csv_entries(folder: Path) -> tuple[list[RawEntry], list[RowError]]:
    """Assemble one RawEntry per services.csv row, with its rows from the other files."""
    if not folder.is_dir():
        return [], [RowError(str(folder), None, "not a folder: a CSV import takes a folder of CSV files")]

    service_rows, errors = _read_rows(folder / "services.csv", SERVICE_COLUMNS)
    entries: dict[str, RawEntry] = {}

    for line, row in service_rows:
        read_errors: list[str] = []
        languages = _optional(row["languages"])
        data = {
            "id": row["id"],
            "name": row["name"],
            "kind": row["kind"],
            "description_fr": row["description_fr"],
            "website": _optional(row["website"]),
            "email": _optional(row["email"]),
            "city": _optional(row["city"]),
            "hours": _optional(row["hours"]),
            "anonymous": _parse_bool(row["anonymous"], "anonymous", read_errors),
            "languages": languages.split(";") if languages else [],
            "confidence": row["confidence"],
            "conflicts": _optional(row["conflicts"]),
            "last_verified": _optional(row["last_verified"]),
            "phones": [], "regions": [], "sources": [],
            "audiences": [], "situations": [], "service_types": [],
        }
        entry = RawEntry(f"services.csv line {line}", data, read_errors=read_errors)
        entry.child_locations = {"phones": [], "regions": [], "sources": []}
        if row["id"] in entries:
            errors.append(RowError(entry.location, row["id"], "duplicate id in services.csv"))
            continue
        entries[row["id"]] = entry

    for list_name, (file_name, columns) in CHILD_FILES.items():
        rows, file_errors = _read_rows(folder / file_name, columns)
        errors.extend(file_errors)

        for line, row in rows:
            location = f"{file_name} line {line}"
            entry = entries.get(row["service_id"])
            if entry is None:
                errors.append(RowError(location, row["service_id"] or None, "unknown service_id: no such id in services.csv"))
                continue
            _attach_child(entry, list_name, row, location)

    return list(entries.values()), errors


def _attach_child(entry: RawEntry, list_name: str, row: dict, location: str) -> None:
    """Append one child row to its entry's list, recording where it came from."""
    data = entry.data

    if list_name == "phones":
        toll_free = _parse_bool(row["toll_free"], f"{location} toll_free", entry.read_errors)
        data["phones"].append(
            {
                "number": row["number"],
                "label": row["label"],
                "kind": row["kind"] or "voice",
                "hours": _optional(row["hours"]),
                "toll_free": bool(toll_free),
            }
        )
        entry.child_locations["phones"].append(location)
    elif list_name == "regions":
        data["regions"].append(row["region"])
        entry.child_locations["regions"].append(location)
    elif list_name == "sources":
        data["sources"].append({"url": row["url"], "seen_text_date": _optional(row["seen_text_date"])})
        entry.child_locations["sources"].append(location)
    elif list_name == "taxonomy":
        field_name = VOCABULARY_FIELDS.get(row["vocabulary"])
        if field_name is None:
            entry.read_errors.append(
                f"{location}: unknown vocabulary {row['vocabulary']!r}: expected {sorted(VOCABULARY_FIELDS)}"
            )
            return
        data[field_name].append(row["term"])
        entry.child_locations.setdefault(field_name, []).append(location)


def write_csv(entries: list[dict], folder: Path) -> None:
    """Write entries (in the seed's dict form) as the CSV folder described above."""
    folder.mkdir(parents=True, exist_ok=True)

    def cell(value) -> str:
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)

    tables: dict[str, tuple[list[str], list[list[str]]]] = {
        "services.csv": (SERVICE_COLUMNS, []),
        **{file_name: (columns, []) for file_name, columns in CHILD_FILES.values()},
    }

    for entry in entries:
        service_row = {**entry, "languages": ";".join(entry["languages"])}
        tables["services.csv"][1].append([cell(service_row.get(column)) for column in SERVICE_COLUMNS])

        for phone in entry["phones"]:
            values = {"service_id": entry["id"], **phone}
            tables["phones.csv"][1].append([cell(values.get(column)) for column in PHONE_COLUMNS])
        for region in entry["regions"]:
            tables["service_areas.csv"][1].append([entry["id"], region])
        for vocabulary, field_name in VOCABULARY_FIELDS.items():
            for term in entry[field_name]:
                tables["service_taxonomy.csv"][1].append([entry["id"], vocabulary, term])
        for source in entry["sources"]:
            tables["sources.csv"][1].append([entry["id"], source["url"], cell(source["seen_text_date"])])

    for file_name, (columns, rows) in tables.items():
        with (folder / file_name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            writer.writerows(rows)
