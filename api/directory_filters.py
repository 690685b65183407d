"""Query parameters of the resource directory, checked and turned into search filters."""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from resources_db.places import PlaceResolution, region_names, resolve_place
from resources_db.records import VOCABULARIES

LABELS_PATH = Path(__file__).resolve().parent / "templates" / "labels.yml"

# Longer text is rejected rather than cut, so that the user sees why the search found nothing.
MAX_TEXT_CHARS = 200

# Checkbox values that mean "only services open 24/7". The form sends "1".
TRUE_VALUES = {"1", "true", "on", "oui"}


class InvalidFilter(ValueError):
    """Query parameter with a value the directory cannot use. `message` is French, for users."""

    def __init__(self, field: str, message: str):
        super().__init__(f"invalid query parameter {field}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class DirectoryFilters:
    """Search filters checked from the query parameters."""

    text: str
    place_text: str
    region: str | None
    service_type: str | None
    audience: str | None
    open_24_7: bool | None
    # Set when `lieu` was given: the resolver's result, shown to the user with its region.
    place: PlaceResolution | None


@lru_cache(maxsize=1)
def filter_labels() -> dict[str, dict[str, str]]:
    """Return the French labels of service types and audiences, read once from labels.yml."""
    return yaml.safe_load(LABELS_PATH.read_text(encoding="utf-8"))


def _checked_text(field: str, value: str | None) -> str:
    text = (value or "").strip()
    if len(text) > MAX_TEXT_CHARS:
        raise InvalidFilter(field, f"Le texte est trop long ({len(text)} caractères) : {MAX_TEXT_CHARS} au maximum.")
    return text


def _checked_code(field: str, value: str | None, allowed, field_label: str) -> str | None:
    if not value:
        return None
    if value not in allowed:
        raise InvalidFilter(field, f"Valeur inconnue pour « {field_label} » : choisissez-en une dans la liste.")
    return value


def parse_filters(
    q: str | None,
    lieu: str | None,
    region: str | None,
    service_type: str | None,
    public: str | None,
    h24: str | None,
) -> DirectoryFilters:
    """Check the raw query parameters and resolve `lieu` to a region.

    A resolved place decides the region, even when `region` is also given, because the place
    is the more precise answer. An ambiguous or unknown place leaves `region` as given.
    Raises InvalidFilter naming the first invalid parameter.
    """
    text = _checked_text("q", q)
    place_text = _checked_text("lieu", lieu)
    region_code = _checked_code("region", region, region_names(), "Région")
    service_type_code = _checked_code("type", service_type, VOCABULARIES["service_type"], "Type de service")
    audience_code = _checked_code("public", public, VOCABULARIES["audience"], "Public")
    open_24_7 = True if (h24 or "").strip().lower() in TRUE_VALUES else None

    place = resolve_place(place_text) if place_text else None
    if place is not None and place.status == "resolved":
        region_code = place.best.region_code

    return DirectoryFilters(
        text=text,
        place_text=place_text,
        region=region_code,
        service_type=service_type_code,
        audience=audience_code,
        open_24_7=open_24_7,
        place=place,
    )
