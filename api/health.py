"""GET /healthz: the gateway, Rasa, the action server and the database, each checked."""

import logging

import httpx
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text

from api.settings import get_settings
from resources_db.engine import session_scope

logger = logging.getLogger(__name__)

router = APIRouter()

HEALTH_TIMEOUT_SECONDS = 2.0


async def http_ok(client: httpx.AsyncClient, url: str) -> bool:
    try:
        response = await client.get(url)
    except httpx.HTTPError:
        return False
    return response.status_code == 200


def database_ok() -> bool:
    try:
        with session_scope() as session:
            session.execute(text("SELECT 1"))
    except Exception:
        logger.exception("health check: database query failed")
        return False
    return True


@router.get("/healthz")
async def healthz(request: Request) -> JSONResponse:
    settings = get_settings()
    async with httpx.AsyncClient(timeout=HEALTH_TIMEOUT_SECONDS) as client:
        rasa = [await http_ok(client, url + "/") for url in settings.rasa_url_list]
        actions = await http_ok(client, settings.action_server_url + "/health")

    checks = {"rasa": all(rasa), "action_server": actions, "database": database_ok()}
    healthy = all(checks.values())
    return JSONResponse(
        {"status": "ok" if healthy else "degraded", "checks": checks},
        status_code=200 if healthy else 503,
    )
