"""The in-memory index from folded name keys to gazetteer entries, built once per process."""

import functools
import re
from dataclasses import dataclass

from resources_db.places import gazetteer
from resources_db.places.gazetteer import FsaRegion, NameEntry
from resources_db.places.normalize import strip_leading_article, to_key

# Words that a name keeps only with its article: "le Lac" is Lac-Saint-Jean, but "lac" alone is
# any lake, and "la Tuque" is a town while "tuque" is a hat.
BARE_NAME_STOPLIST = frozenset(
    {
        "ascension", "assomption", "avenir", "baie", "bas", "cap", "capitale", "cedres", "collines",
        "conception", "corne", "coteaux", "croche", "erable", "fjord", "granit", "guadeloupe",
        "hauteurs", "iles", "lac", "martre", "metropole", "motte", "moulins", "nations", "nord",
        "patrie", "peche", "plaine", "prairie", "presentation", "providence", "redemption", "reine",
        "rivieres", "romaine", "royaume", "saules", "sources", "tuque", "versant", "village",
    }
)

# Keys shorter than this are never fuzzy-matched: a 3-letter typo can be any name.
MIN_FUZZY_KEY_LENGTH = 4

# Joined forms ("valdor", "saintjerome") are indexed for SMS-style typing only from this length.
MIN_COMPACT_KEY_LENGTH = 6

_TRAILING_QUALIFIER = re.compile(r"^(?P<name>.*?)\s*\((?P<qualifier>[^)]*)\)\s*$")


@dataclass(frozen=True)
class PlaceIndex:
    """Lookup tables that resolve_place reads."""

    entries_by_key: dict[str, tuple[NameEntry, ...]]
    # Keys that spell an official region name, with or without article ("les laurentides").
    official_region_by_key: dict[str, str]
    fuzzy_keys: tuple[str, ...]
    max_key_tokens: int
    region_names: dict[str, str]
    fsa_regions: dict[str, tuple[FsaRegion, ...]]


def name_keys(name: str) -> set[str]:
    """Return every key under which a gazetteer name is indexed.

    "Saint-Henri (Montréal)" gives "saint henri" and "saint henri montreal"; "la Beauce" gives
    "la beauce" and "beauce"; "Val-d'Or" also gives the joined form "valdor".
    """
    forms = [name]
    qualified = _TRAILING_QUALIFIER.match(name)
    if qualified:
        forms = [qualified["name"], f"{qualified['name']} {qualified['qualifier']}"]

    keys = set()
    for form in forms:
        key = to_key(form)
        if not key:
            continue
        keys.add(key)

        bare_key = strip_leading_article(key)
        if bare_key != key and bare_key not in BARE_NAME_STOPLIST:
            keys.add(bare_key)

    for key in list(keys):
        compact_key = key.replace(" ", "")
        if compact_key != key and len(compact_key) >= MIN_COMPACT_KEY_LENGTH:
            keys.add(compact_key)
    return keys


def group_by_key(entries: list[NameEntry]) -> dict[str, list[NameEntry]]:
    grouped: dict[str, list[NameEntry]] = {}
    for entry in entries:
        for key in name_keys(entry.name):
            grouped.setdefault(key, []).append(entry)
    return grouped


@functools.cache
def get_index() -> PlaceIndex:
    """Build the index on first use and return the same one afterwards."""
    main_entries = (
        gazetteer.municipality_entries()
        + gazetteer.locality_entries()
        + gazetteer.region_name_entries()
        + gazetteer.curated_entries()
    )
    main_groups = group_by_key(main_entries)
    postal_place_groups = group_by_key(gazetteer.postal_place_entries())

    # Canada Post place names only fill the gaps: the gazetteer README ranks them after the
    # municipalities, localities and region names, and they carry one region per name even where
    # the name is ambiguous.
    merged = dict(postal_place_groups)
    merged.update(main_groups)
    entries_by_key = {key: tuple(entries) for key, entries in merged.items()}

    official_region_by_key = {
        key: entry.region_code
        for entry in main_entries
        if entry.is_official_region_name
        for key in name_keys(entry.name)
    }
    fuzzy_keys = tuple(sorted(key for key in entries_by_key if len(key) >= MIN_FUZZY_KEY_LENGTH))
    max_key_tokens = max(len(key.split()) for key in entries_by_key)

    return PlaceIndex(
        entries_by_key=entries_by_key,
        official_region_by_key=official_region_by_key,
        fuzzy_keys=fuzzy_keys,
        max_key_tokens=max_key_tokens,
        region_names=gazetteer.load_region_names(),
        fsa_regions=gazetteer.fsa_regions(),
    )
