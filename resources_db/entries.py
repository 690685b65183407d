"""Raw entries read from an import file, their validation, and row-level errors."""

from dataclasses import dataclass, field

from pydantic import ValidationError

from resources_db.records import ResourceRecord, describe_validation_error


@dataclass(frozen=True)
class RowError:
    """One invalid row: where it is (file and line, or entry number), which id, what is wrong."""

    location: str
    resource_id: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.location} (id {self.resource_id})" if self.resource_id else self.location
        return f"{where}: {self.message}"


@dataclass
class RawEntry:
    """An entry as read from a file, before validation.

    child_locations maps a list field ("phones", "sources"…) to the location of each item,
    so that an error on phones[2] can name the CSV line it came from.
    """

    location: str
    data: dict
    child_locations: dict[str, list[str]] = field(default_factory=dict)
    read_errors: list[str] = field(default_factory=list)

    @property
    def resource_id(self) -> str | None:
        value = self.data.get("id")
        return value if isinstance(value, str) and value else None


def locate_error(entry: RawEntry, field_message: str) -> str:
    """Return the location of the item a "phones.2.number: …" message is about."""
    parts = field_message.split(":", 1)[0].split(".")
    if len(parts) >= 2 and parts[1].isdigit():
        locations = entry.child_locations.get(parts[0], [])
        index = int(parts[1])
        if index < len(locations):
            return locations[index]
    return entry.location


def validate_entries(entries: list[RawEntry]) -> tuple[list[ResourceRecord], list[RowError], set[str]]:
    """Validate raw entries; return the valid records, the errors, and the ids of bad entries."""
    records: list[ResourceRecord] = []
    errors: list[RowError] = []
    rejected_ids: set[str] = set()
    seen_ids: dict[str, str] = {}

    for entry in entries:
        entry_errors = [RowError(entry.location, entry.resource_id, message) for message in entry.read_errors]

        duplicate_of = seen_ids.get(entry.resource_id or "")
        if duplicate_of:
            entry_errors.append(
                RowError(entry.location, entry.resource_id, f"duplicate id, first seen at {duplicate_of}")
            )

        record = None
        try:
            record = ResourceRecord.model_validate(entry.data)
        except ValidationError as error:
            for message in describe_validation_error(error):
                entry_errors.append(RowError(locate_error(entry, message), entry.resource_id, message))

        if entry.resource_id and not duplicate_of:
            seen_ids[entry.resource_id] = entry.location

        if entry_errors or record is None:
            errors.extend(entry_errors)
            if entry.resource_id:
                rejected_ids.add(entry.resource_id)
            continue
        records.append(record)

    return records, errors, rejected_ids

