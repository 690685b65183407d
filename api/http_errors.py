"""French details for the HTTP errors that Starlette and FastAPI raise with English text.

Only their built-in details are replaced (for example "Not Found"); a route that raises
HTTPException with its own French detail keeps it.
"""

from fastapi import Request
from fastapi.exception_handlers import http_exception_handler
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

FRENCH_DETAILS = {
    # FastAPI's reply to a body that is not valid JSON or not valid UTF-8.
    "There was an error parsing the body": (
        "Le message envoyé n'a pas pu être lu. Rechargez la page et réessayez."
    ),
    "Bad Request": "La requête n'a pas pu être lue. Rechargez la page et réessayez.",
    "Not Found": "Cette page n'existe pas. Vous pouvez revenir à l'accueil.",
    "Method Not Allowed": "Cette requête n'est pas acceptée à cette adresse.",
}


async def french_http_error(request: Request, error: StarletteHTTPException) -> Response:
    """Reply like FastAPI's default handler, with the detail in French when it is a built-in one."""
    detail = FRENCH_DETAILS.get(error.detail, error.detail) if isinstance(error.detail, str) else error.detail
    translated = StarletteHTTPException(error.status_code, detail=detail, headers=error.headers)
    return await http_exception_handler(request, translated)
