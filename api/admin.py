"""Admin endpoints of the resource database: POST /admin/import and GET /admin/export.

They require `Authorization: Bearer <ADMIN_TOKEN>`. Without ADMIN_TOKEN in the environment
the endpoints return 404, as if they did not exist; a missing token gets 401 and a wrong one
403.
"""

import hmac
import json
import logging
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request, status
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.datastructures import UploadFile

from api.admin_files import InvalidUpload, extract_csv_zip, is_zip, json_file_name, zip_folder
from api.fixed_replies import fixed_replies
from resources_db.engine import get_engine
from resources_db.exporter import export_resources
from resources_db.importer import ImportReport, import_resources
from resources_db.settings import get_settings

logger = logging.getLogger(__name__)

# The seed contains about 120 services in 0.2 MB, and 10,000 services take about 12 MB as JSON.
MAX_IMPORT_BYTES = 20_000_000

bearer_scheme = HTTPBearer(auto_error=False)


def require_admin_token(
    request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer_scheme)
) -> None:
    """Reject the request unless it carries the configured admin token (404 when none is configured)."""
    expected = get_settings().admin_token
    if not expected:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="Not Found")

    if credentials is None:
        logger.warning("admin request rejected: missing bearer token path=%s", request.url.path)
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail="Jeton d'administration manquant : ajoutez l'en-tête Authorization: Bearer <jeton>.",
            headers={"WWW-Authenticate": "Bearer"},
        )

    # compare_digest takes the same time wherever the first differing byte is, so response
    # times do not reveal how much of a guessed token is right.
    if not hmac.compare_digest(credentials.credentials.encode(), expected.encode()):
        logger.warning("admin request rejected: wrong token path=%s", request.url.path)
        raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail="Jeton d'administration invalide.")


router = APIRouter(prefix="/admin", dependencies=[Depends(require_admin_token)], include_in_schema=False)


def report_json(report: ImportReport) -> dict:
    return {
        "committed": report.committed,
        "inserted": report.inserted,
        "updated": report.updated,
        "routes": report.routes,
        "errors": [asdict(error) for error in report.errors],
    }


def invalid_upload(message: str) -> JSONResponse:
    return JSONResponse(status_code=status.HTTP_422_UNPROCESSABLE_CONTENT, content={"detail": message})


async def read_body(request: Request) -> bytes:
    """Read the body, stopping one byte past MAX_IMPORT_BYTES so that the caller can reject it."""
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > MAX_IMPORT_BYTES:
            break
    return bytes(body)


async def read_upload(request: Request) -> tuple[bytes, str | None]:
    """Return the request's file: the `file` part of a multipart form, or the whole body."""
    content_type = request.headers.get("content-type", "")
    if not content_type.startswith("multipart/form-data"):
        return await read_body(request), None

    form = await request.form(max_files=1)
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise InvalidUpload("Le formulaire doit contenir un fichier dans le champ « file ».")
    return await upload.read(MAX_IMPORT_BYTES + 1), upload.filename


def write_import_source(content: bytes, uploaded_name: str | None, folder: Path) -> Path:
    """Write the upload where import_resources reads it: a JSON file, or a folder of CSV files."""
    if is_zip(content):
        csv_folder = folder / "csv"
        csv_folder.mkdir()
        extract_csv_zip(content, csv_folder, MAX_IMPORT_BYTES)
        return csv_folder

    # Parsed here so that a broken body gets a clear message instead of a temporary path.
    try:
        json.loads(content)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InvalidUpload(f"Le contenu n'est ni un JSON valide ni un zip de fichiers CSV ({error}).") from error

    json_path = folder / json_file_name(uploaded_name)
    json_path.write_bytes(content)
    return json_path


@router.post("/import")
async def import_endpoint(
    request: Request,
    partial: bool = Query(False, description="store the valid entries and skip the invalid ones"),
) -> JSONResponse:
    """Import a seed-format JSON document (body or uploaded file) or a zip of the CSV files."""
    declared_length = request.headers.get("content-length", "")
    if declared_length.isdigit() and int(declared_length) > MAX_IMPORT_BYTES:
        return invalid_upload(f"Le fichier dépasse {MAX_IMPORT_BYTES // 1_000_000} Mo.")

    content = b""
    try:
        content, uploaded_name = await read_upload(request)
        if len(content) > MAX_IMPORT_BYTES:
            raise InvalidUpload(f"Le fichier dépasse {MAX_IMPORT_BYTES // 1_000_000} Mo.")
        if not content:
            raise InvalidUpload("Le contenu est vide : envoyez un JSON au format des ressources ou un zip de CSV.")

        with tempfile.TemporaryDirectory(prefix="admin-import-") as folder:
            source = write_import_source(content, uploaded_name, Path(folder))
            report = await run_in_threadpool(import_resources, get_engine(), source, partial)
    except InvalidUpload as error:
        logger.warning("admin import rejected: unreadable upload bytes=%d", len(content))
        return invalid_upload(str(error))

    logger.info(
        "admin import committed=%s partial=%s inserted=%d updated=%d routes=%d invalid_rows=%d",
        report.committed, partial, report.inserted, report.updated, report.routes, len(report.errors),
    )
    if report.committed:
        # The emergency and degraded replies carry phone numbers read from the database.
        # NOTE: other gateway processes keep their copy until they restart.
        fixed_replies.cache_clear()
    status_code = status.HTTP_200_OK if report.committed else status.HTTP_422_UNPROCESSABLE_CONTENT
    return JSONResponse(status_code=status_code, content=report_json(report))


def export_bytes(output_format: str) -> bytes:
    """Export every service as the JSON document, or as a zip of the CSV files."""
    with tempfile.TemporaryDirectory(prefix="admin-export-") as folder:
        if output_format == "json":
            output = Path(folder) / "resources.json"
            export_resources(get_engine(), output, "json")
            return output.read_bytes()

        output = Path(folder) / "csv"
        export_resources(get_engine(), output, "csv")
        return zip_folder(output)


@router.get("/export")
async def export_endpoint(
    output_format: Literal["json", "csv"] = Query("json", alias="format", description="json, or csv for a zip of CSV files"),
) -> Response:
    content = await run_in_threadpool(export_bytes, output_format)
    logger.info("admin export format=%s bytes=%d", output_format, len(content))

    if output_format == "json":
        media_type, file_name = "application/json", "resources.json"
    else:
        media_type, file_name = "application/zip", "resources_csv.zip"
    return Response(
        content=content,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{file_name}"'},
    )
