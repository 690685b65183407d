"""Place resolution: free text or postal code → one of Québec's 17 administrative regions.

Reads the gazetteer in resources_db/data/geo and the hand-curated curated_names.csv; needs only
the standard library and rapidfuzz.
"""

from resources_db.places.models import PlaceMatch, PlaceResolution
from resources_db.places.resolver import region_names, resolve_place

__all__ = ["PlaceMatch", "PlaceResolution", "region_names", "resolve_place"]
