"""The public gateway: the chat page, the chat API and the health check.

Run with `uvicorn api.main:app --host 127.0.0.1 --port 8000`.
"""

import gc
import logging
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from api import admin, chat, directory, health
from api.action_server_check import ActionServerCheck
from api.body_limit import BodySizeLimitMiddleware
from api.fixed_replies import fixed_replies
from api.http_errors import french_http_error
from api.language import detector
from api.logging_config import configure_gateway_logging
from api.rasa_client import RasaClient
from api.rate_limit import ChatRateLimiter, RateLimitExceeded, rate_limited_response
from api.security import SecurityHeadersMiddleware
from api.settings import get_settings

logger = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parent / "static"

INVALID_REQUEST_MESSAGE = "La requête n'a pas pu être lue. Rechargez la page et réessayez."


@asynccontextmanager
async def lifespan(app: FastAPI):
    settings = get_settings()
    # Load what the first chat turn needs now, so that it fails here rather than mid-chat.
    fixed_replies()
    detector()
    app.state.rasa_client = RasaClient(settings.rasa_url_list, settings.rasa_timeout_seconds)
    app.state.action_server_check = ActionServerCheck(
        settings.action_server_url, settings.action_server_check_timeout_seconds
    )
    # What is loaded now lives as long as the process. Frozen, it is skipped by full garbage
    # collections, which otherwise walk it again during a chat request (docs/benchmarks.md).
    gc.collect()
    gc.freeze()
    logger.info(
        "gateway started rasa_servers=%d frozen_objects=%d", len(settings.rasa_url_list), gc.get_freeze_count()
    )
    yield
    await app.state.rasa_client.close()
    await app.state.action_server_check.close()
    logger.info("gateway stopped")


def create_app() -> FastAPI:
    settings = get_settings()
    configure_gateway_logging(settings.log_level)

    app = FastAPI(title="Ensemble Québec — assistant de référence", lifespan=lifespan)
    app.state.rate_limiter = ChatRateLimiter(
        settings.rate_limit_per_session, settings.rate_limit_per_ip
    )
    # Added first so that it runs inside the security headers middleware, whose headers the
    # 413 reply then carries too. Admin uploads (token-protected resource files) are exempt.
    app.add_middleware(
        BodySizeLimitMiddleware, max_body_bytes=settings.max_body_bytes, exempt_prefixes=("/admin/",)
    )
    app.add_middleware(SecurityHeadersMiddleware)
    app.include_router(chat.router)
    app.include_router(health.router)
    app.include_router(directory.router)
    app.include_router(admin.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> JSONResponse:
        logger.info(
            "invalid request path=%s errors=%s",
            request.url.path,
            ",".join(".".join(map(str, e.get("loc", ()))) for e in error.errors()),
        )
        return JSONResponse(
            status_code=422,
            content={"detail": INVALID_REQUEST_MESSAGE, "emergency": fixed_replies().emergency},
        )

    app.add_exception_handler(RateLimitExceeded, rate_limited_response)
    app.add_exception_handler(StarletteHTTPException, french_http_error)

    @app.get("/", include_in_schema=False)
    async def chat_page() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html")

    return app


app = create_app()
