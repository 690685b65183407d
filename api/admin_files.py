"""Files of the admin import and export: the uploaded JSON or zip of CSV files, and the export zip."""

import io
import re
import zipfile
from pathlib import Path, PurePosixPath

from resources_db.csv_format import CHILD_FILES

CSV_FILE_NAMES = frozenset({"services.csv", *(file_name for file_name, _columns in CHILD_FILES.values())})
ZIP_SIGNATURE = b"PK\x03\x04"
# The name given to an uploaded JSON file in error locations ("upload.json entry 4").
SAFE_FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,100}\.json")
DEFAULT_JSON_NAME = "upload.json"


class InvalidUpload(ValueError):
    """An upload that cannot be imported; the message is French, for the admin user."""


def is_zip(content: bytes) -> bool:
    return content.startswith(ZIP_SIGNATURE)


def json_file_name(uploaded_name: str | None) -> str:
    """Keep the uploaded file's name when it is a plain *.json name, else use upload.json."""
    name = PurePosixPath(uploaded_name or "").name
    return name if SAFE_FILE_NAME.fullmatch(name) else DEFAULT_JSON_NAME


def extract_csv_zip(content: bytes, folder: Path, max_bytes: int) -> None:
    """Write the CSV files of a zip into `folder`, flattening any subfolder.

    Only the five file names of the CSV format are extracted, so a crafted member name can
    never write outside `folder`. Raises InvalidUpload for a broken zip, a zip without
    services.csv, or files that unpack to more than max_bytes.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile as error:
        raise InvalidUpload(f"Le fichier zip est illisible ({error}).") from error

    with archive:
        members = {}
        for info in archive.infolist():
            name = PurePosixPath(info.filename).name
            if not info.is_dir() and name in CSV_FILE_NAMES:
                members[name] = info

        if "services.csv" not in members:
            raise InvalidUpload(
                "Le zip ne contient pas services.csv. Fichiers attendus : " + ", ".join(sorted(CSV_FILE_NAMES)) + "."
            )
        # file_size is the size that the zip declares. A member that unpacks to more is cut
        # off by the read limit below, so a zip bomb cannot fill the disk.
        if sum(info.file_size for info in members.values()) > max_bytes:
            raise InvalidUpload(f"Les fichiers CSV dépassent {max_bytes // 1_000_000} Mo une fois décompressés.")

        for name, info in members.items():
            with archive.open(info) as source:
                data = source.read(max_bytes + 1)
            if len(data) > max_bytes:
                raise InvalidUpload(f"{name} dépasse {max_bytes // 1_000_000} Mo une fois décompressé.")
            (folder / name).write_bytes(data)


def zip_folder(folder: Path) -> bytes:
    """Return a zip of the files directly in `folder`, sorted by name."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            if path.is_file():
                archive.write(path, arcname=path.name)
    return buffer.getvalue()
