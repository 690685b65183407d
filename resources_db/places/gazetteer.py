"""Loading of the gazetteer files (resources_db/data/geo) into flat name entries and FSA rows.

The files and their sources are described in resources_db/data/geo/README.md. This module only
reads them; `index.py` turns the entries into lookup keys.
"""

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path

GEO_DIR = Path(__file__).resolve().parents[1] / "data" / "geo"
CURATED_NAMES_FILE = Path(__file__).resolve().with_name("curated_names.csv")

NORD_PART_TO_AREA = {"Jamésie": "jamesie", "Eeyou Istchee": "eeyou", "Nunavik": "nunavik"}
AREAS = frozenset(NORD_PART_TO_AREA.values())

# Base confidence of an exact match, by the file the name comes from. Municipalities are official
# MAMH names. Localities and informal names are partly hand-curated. Postal places are Canada Post
# spellings that the gazetteer build tied to a region automatically.
KIND_CONFIDENCE = {
    "municipality": 1.0,
    "locality": 0.95,
    "region": 0.95,
    "english_name": 0.9,
    "postal_place": 0.85,
}

_COUNT_SUFFIX = re.compile(r"\s*\(\d+\)$")


@dataclass(frozen=True)
class NameEntry:
    """One gazetteer name tied to one region."""

    name: str
    region_code: str
    area: str | None
    kind: str
    # Population of the place's municipality, used only to order candidates of an ambiguous name.
    weight: float = 0.0
    # True for the official region names and the parts of the combined ones ("Gaspésie").
    is_official_region_name: bool = False
    # True when the name may also mean the whole province ("Québec").
    may_mean_province: bool = False
    # Lower than 1.0 when the gazetteer itself flags the name as ambiguous.
    confidence_factor: float = 1.0


@dataclass(frozen=True)
class FsaRegion:
    """One region that an FSA (the first 3 characters of a postal code) covers."""

    fsa: str
    region_code: str
    share: float  # share of the FSA's GeoNames postal codes in this region
    area: str | None


def read_csv_rows(path: Path) -> list[dict[str, str]]:
    """Read a CSV file with a header row, skipping lines that start with "#" (comments)."""
    with path.open(encoding="utf-8", newline="") as csv_file:
        lines = [line for line in csv_file if not line.startswith("#")]
    return list(csv.DictReader(lines))


def load_regions_file() -> dict:
    with (GEO_DIR / "regions.json").open(encoding="utf-8") as json_file:
        return json.load(json_file)


def load_region_names() -> dict[str, str]:
    regions = load_regions_file()["regions"]
    return {code: region["name"] for code, region in sorted(regions.items())}


def load_municipality_areas() -> dict[str, str | None]:
    """Map each region-10 municipality name to its part of Nord-du-Québec."""
    rows = read_csv_rows(GEO_DIR / "municipalities.csv")
    return {row["name"]: NORD_PART_TO_AREA.get(row["nord_part"]) for row in rows if row["region_code"] == "10"}


def load_municipality_populations() -> dict[str, float]:
    rows = read_csv_rows(GEO_DIR / "municipalities.csv")
    return {row["name"]: float(row["population"] or 0) for row in rows}


def municipality_entries() -> list[NameEntry]:
    entries = []
    for row in read_csv_rows(GEO_DIR / "municipalities.csv"):
        # Kawawachikamach's Naskapi village is filed by MAMH under region 10, but the community
        # lives on its category IA-N land near Schefferville, which MAMH and Statistics Canada put
        # in Côte-Nord (09). The gazetteer README advises 09, which the localities.csv row gives.
        if row["nord_part"].startswith("Naskapi"):
            continue

        entries.append(
            NameEntry(
                name=row["name"],
                region_code=row["region_code"],
                area=NORD_PART_TO_AREA.get(row["nord_part"]),
                kind="municipality",
                weight=float(row["population"] or 0),
            )
        )
    return entries


def locality_entries() -> list[NameEntry]:
    municipality_areas = load_municipality_areas()
    populations = load_municipality_populations()
    part_areas = region_10_part_areas()

    entries = []
    for row in read_csv_rows(GEO_DIR / "localities.csv"):
        area = None
        if row["region_code"] == "10":
            area = municipality_areas.get(row["municipality"]) or part_areas.get(row["name"])

        # The gazetteer marks a nickname such as "Saint-Jean" as "(ambigu)": it keeps its region
        # but with less confidence, so that the bot can confirm it.
        is_flagged_ambiguous = "ambigu" in row["kind"]

        entries.append(
            NameEntry(
                name=row["name"],
                region_code=row["region_code"],
                area=area,
                kind="locality",
                weight=populations.get(row["municipality"], 0.0),
                confidence_factor=0.75 if is_flagged_ambiguous else 1.0,
            )
        )
    return entries


def region_10_part_areas() -> dict[str, str]:
    """Map each place listed under regions.json → regions.10.parts to its area."""
    parts = load_regions_file()["regions"]["10"]["parts"]
    return {
        place: NORD_PART_TO_AREA[part_name]
        for part_name, part in parts.items()
        for place in part["localities"]
    }


def postal_place_entries() -> list[NameEntry]:
    municipality_areas = load_municipality_areas()
    populations = load_municipality_populations()
    return [
        NameEntry(
            name=row["place_geonames"],
            region_code=row["region_code"],
            area=municipality_areas.get(row["municipality"]) if row["region_code"] == "10" else None,
            kind="postal_place",
            weight=populations.get(row["municipality"], 0.0),
        )
        for row in read_csv_rows(GEO_DIR / "postal_places.csv")
    ]


def region_name_entries() -> list[NameEntry]:
    """Build entries for official region names, informal names and the names that span regions."""
    regions_file = load_regions_file()
    entries = []

    for code, region in regions_file["regions"].items():
        population = float(region["population_mamh_2026"])

        for official_name in official_name_forms(region["name"], region["name_ascii"]):
            entries.append(
                NameEntry(
                    name=official_name,
                    region_code=code,
                    area=None,
                    kind="region",
                    weight=population,
                    is_official_region_name=True,
                )
            )

        for informal_name in region["informal_names"]:
            entries.append(NameEntry(name=informal_name, region_code=code, area=None, kind="region", weight=population))

    for ambiguous in regions_file["ambiguous_names"]:
        region_count = len(ambiguous["regions"])
        for position, code in enumerate(ambiguous["regions"]):
            entries.append(
                NameEntry(
                    name=ambiguous["name"],
                    region_code=code,
                    area=None,
                    kind="region",
                    # regions.json lists the most likely region first.
                    weight=float(region_count - position),
                    may_mean_province="also_means" in ambiguous,
                )
            )
    return entries


def official_name_forms(name: str, name_ascii: str) -> list[str]:
    """Return the official name, its ASCII form and, for names joined by an en dash, each part."""
    forms = [name, name_ascii]
    if "–" in name:
        forms.extend(name.split("–"))
    return forms


def curated_entries() -> list[NameEntry]:
    """Read curated_names.csv: English names and the Nord-du-Québec area of some names."""
    return [
        NameEntry(
            name=row["name"],
            region_code=row["region_code"],
            area=row["area"] or None,
            kind=row["kind"],
            weight=float(row["weight"] or 0),
        )
        for row in read_csv_rows(CURATED_NAMES_FILE)
    ]


def fsa_regions() -> dict[str, tuple[FsaRegion, ...]]:
    """Map each Québec FSA to its regions, largest share first."""
    municipality_areas = load_municipality_areas()
    shares = {}
    areas = {}
    for row in read_csv_rows(GEO_DIR / "sources" / "fsa_derivation.csv"):
        key = (row["fsa"], row["region_code"])
        # G0B has no GeoNames postal codes, so its share is empty; it has a single region.
        shares[key] = float(row["share"] or 1.0)
        if row["region_code"] == "10":
            areas[key] = common_area(row["municipalities (postal codes)"], municipality_areas)

    table: dict[str, list[FsaRegion]] = {}
    for row in read_csv_rows(GEO_DIR / "fsa.csv"):
        key = (row["fsa"], row["region_code"])
        table.setdefault(row["fsa"], []).append(
            FsaRegion(fsa=row["fsa"], region_code=row["region_code"], share=shares.get(key, 0.0), area=areas.get(key))
        )
    return {fsa: tuple(sorted(rows, key=lambda fsa_region: -fsa_region.share)) for fsa, rows in table.items()}


def common_area(municipality_list: str, municipality_areas: dict[str, str | None]) -> str | None:
    """Return the area shared by every municipality of a "Name (count); Name (count)" list, else None.

    J0M, for instance, mixes Nunavik villages and Cree communities, so it gets no area.
    """
    names = [_COUNT_SUFFIX.sub("", part.strip()) for part in municipality_list.split(";") if part.strip()]
    found_areas = {municipality_areas.get(name) for name in names}
    if len(found_areas) == 1:
        return found_areas.pop()
    return None
