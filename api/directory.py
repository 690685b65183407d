"""The resource directory: GET /ressources (HTML, works without JavaScript) and its JSON twins
GET /api/resources and GET /api/places."""

import logging
from dataclasses import asdict, replace
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, HTTPException, Query, Request, status
from fastapi.encoders import jsonable_encoder
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from api.directory_filters import DirectoryFilters, InvalidFilter, filter_labels, parse_filters
from resources_db.engine import session_scope
from resources_db.matching import ServiceMatch, dpj_for_area
from resources_db.places import region_names, resolve_place
from resources_db.search import search_services

logger = logging.getLogger(__name__)

router = APIRouter()

templates = Jinja2Templates(directory=Path(__file__).resolve().parent / "templates")

# The resource data contains about 120 services, so one page shows every match.
MAX_RESULTS = 200

PLACE_QUERY_MISSING = "Indiquez une ville, une région ou un code postal."


def safe_web_url(url: str | None) -> str | None:
    """Return the URL when it is an http(s) address, so that no other scheme becomes a link."""
    if url and urlsplit(url).scheme in ("http", "https"):
        return url
    return None


def source_host(url: str) -> str:
    """Return the host name of a source URL without "www.", as the link's visible text."""
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


templates.env.filters["safe_web_url"] = safe_web_url
templates.env.filters["source_host"] = source_host


def find_services(filters: DirectoryFilters) -> list[ServiceMatch]:
    """Search the services, and put the DPJ that serves the chosen region (and area) first."""
    # TODO: search_services has no filter for the parts of region 10 (Nunavik, Eeyou Istchee,
    # Jamésie), so a place there lists the services of all three parts. Only the DPJ order
    # below uses the area.
    with session_scope() as session:
        services = search_services(
            session,
            filters.text,
            region=filters.region,
            service_type=filters.service_type,
            audience=filters.audience,
            open_24_7=filters.open_24_7,
            limit=MAX_RESULTS,
        )
        if not filters.region:
            return services
        area = filters.place.best.area if filters.place and filters.place.status == "resolved" else None
        regional_dpjs = dpj_for_area(session, filters.region, area)

    # The routed DPJ entries carry the routing note and certainty that search results lack.
    routed = {dpj.resource_id: dpj for dpj in regional_dpjs}
    found_ids = {service.resource_id for service in services}
    first = [dpj for dpj in regional_dpjs if dpj.resource_id in found_ids]
    return first + [service for service in services if service.resource_id not in routed]


def log_search(endpoint: str, filters: DirectoryFilters, results: int) -> None:
    # Codes and counts only: the text and place typed by the user are never logged.
    logger.info(
        "directory search endpoint=%s region=%s type=%s audience=%s h24=%s text=%s place=%s results=%d",
        endpoint,
        filters.region,
        filters.service_type,
        filters.audience,
        filters.open_24_7,
        bool(filters.text),
        filters.place.status if filters.place else None,
        results,
    )


def region_choice_url(filters: DirectoryFilters, region_code: str) -> str:
    """Build the /ressources URL that keeps the other filters and picks one candidate region."""
    params = {
        "q": filters.text,
        "region": region_code,
        "type": filters.service_type,
        "public": filters.audience,
        "h24": "1" if filters.open_24_7 else None,
    }
    return "/ressources?" + urlencode({name: value for name, value in params.items() if value})


def render_directory(
    request: Request,
    filters: DirectoryFilters | None,
    services: list[ServiceMatch],
    error: str | None = None,
    status_code: int = status.HTTP_200_OK,
) -> HTMLResponse:
    labels = filter_labels()
    context = {
        "filters": filters,
        "services": services,
        "error": error,
        "regions": region_names(),
        "service_types": labels["service_types"],
        "audiences": labels["audiences"],
        "region_choice_url": region_choice_url,
    }
    return templates.TemplateResponse(request, "ressources.html", context, status_code=status_code)


@router.get("/ressources", response_class=HTMLResponse, include_in_schema=False)
def directory_page(
    request: Request,
    q: str | None = None,
    lieu: str | None = None,
    region: str | None = None,
    type: str | None = None,
    public: str | None = None,
    h24: str | None = None,
) -> HTMLResponse:
    try:
        filters = parse_filters(q, lieu, region, type, public, h24)
    except InvalidFilter as error:
        logger.info("directory search rejected endpoint=page field=%s", error.field)
        return render_directory(request, None, [], error=error.message, status_code=status.HTTP_400_BAD_REQUEST)

    services = find_services(filters)
    log_search("page", filters, len(services))
    return render_directory(request, filters, services)


def service_json(service: ServiceMatch) -> dict:
    # Score and reasons explain the chat's ranking, and the directory does not rank.
    data = asdict(replace(service, website=safe_web_url(service.website)))
    data.pop("score")
    data.pop("reasons")
    return data


@router.get("/api/resources")
def list_resources(
    q: str | None = None,
    lieu: str | None = None,
    region: str | None = None,
    type: str | None = None,
    public: str | None = None,
    h24: str | None = None,
) -> dict:
    """Search services by text and filters. `lieu` is resolved to a region as on the page."""
    try:
        filters = parse_filters(q, lieu, region, type, public, h24)
    except InvalidFilter as error:
        logger.info("directory search rejected endpoint=api field=%s", error.field)
        raise HTTPException(
            status_code=status.HTTP_422_UNPROCESSABLE_CONTENT,
            detail={"field": error.field, "message": error.message},
        ) from error

    services = find_services(filters)
    log_search("api", filters, len(services))
    return jsonable_encoder(
        {
            "region": filters.region,
            "place": asdict(filters.place) if filters.place else None,
            "count": len(services),
            "services": [service_json(service) for service in services],
        }
    )


@router.get("/api/places")
def resolve_place_query(q: str = Query(default="", max_length=200)) -> dict:
    """Resolve a place name or postal code to a region: status, best match and candidates."""
    if not q.strip():
        raise HTTPException(
            status_code=status.HTTP_422_UNPROCESSABLE_CONTENT,
            detail={"field": "q", "message": PLACE_QUERY_MISSING},
        )

    resolution = resolve_place(q)
    logger.info("place query status=%s candidates=%d", resolution.status, len(resolution.candidates))
    return asdict(resolution)
