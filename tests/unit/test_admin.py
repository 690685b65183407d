"""The admin endpoints on a seeded SQLite database: token checks, import, export."""

import io
import json
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from fastapi.testclient import TestClient

from tests.db.helpers import SEED, seed_entries
from tests.stack import seed_database

TOKEN = "test-admin-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
CSV_FILES = {"services.csv", "phones.csv", "service_areas.csv", "service_taxonomy.csv", "sources.csv"}


@contextmanager
def admin_client(database_url: str, admin_token: str | None) -> Iterator[TestClient]:
    """Build the gateway app on this database and token; the lifespan is not run (no Rasa needed)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", database_url)
        if admin_token is None:
            patch.delenv("ADMIN_TOKEN", raising=False)
        else:
            patch.setenv("ADMIN_TOKEN", admin_token)

        from api.main import create_app
        from api.settings import get_settings
        from resources_db.engine import get_engine
        from resources_db.settings import get_settings as get_database_settings

        caches = (get_settings, get_engine, get_database_settings)
        for cached in caches:
            cached.cache_clear()
        try:
            yield TestClient(create_app())
        finally:
            get_engine().dispose()
            for cached in caches:
                cached.cache_clear()


def seeded_database_url(folder) -> str:
    database_url = f"sqlite:///{folder / 'resources.sqlite3'}"
    seed_database(database_url)
    return database_url


@pytest.fixture(scope="module")
def shared_database_url(tmp_path_factory) -> str:
    """A seeded database for the tests that leave it unchanged."""
    return seeded_database_url(tmp_path_factory.mktemp("admin"))


@pytest.fixture
def client(shared_database_url) -> Iterator[TestClient]:
    with admin_client(shared_database_url, TOKEN) as test_client:
        yield test_client


def export_json(client: TestClient) -> dict:
    response = client.get("/admin/export?format=json", headers=AUTH)
    assert response.status_code == 200
    return response.json()


def entries_by_id(document: dict) -> dict[str, dict]:
    return {entry["id"]: entry for entry in document["organizations"]}


def bad_seed() -> dict:
    """Return the bundled seed with entry 1 renamed (a valid change) and an invalid phone on entry 4."""
    entries = seed_entries()
    entries[0]["name"] = "Nom modifié"
    assert entries[3]["id"] == "ligneparents"
    entries[3]["phones"][0]["number"] = "123"
    return {**SEED, "organizations": entries}


def test_admin_is_off_without_configured_token(shared_database_url):
    with admin_client(shared_database_url, None) as client:
        assert client.get("/admin/export", headers=AUTH).status_code == 404
        assert client.post("/admin/import", json={}, headers=AUTH).status_code == 404


def test_missing_token_gets_401(client):
    response = client.get("/admin/export")

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert client.post("/admin/import", json={}).status_code == 401


def test_other_scheme_gets_401(client):
    response = client.get("/admin/export", headers={"Authorization": f"Basic {TOKEN}"})
    assert response.status_code == 401


def test_wrong_token_gets_403(client):
    response = client.get("/admin/export", headers={"Authorization": "Bearer wrong-token"})
    assert response.status_code == 403
    assert client.post("/admin/import", json={}, headers={"Authorization": f"Bearer {TOKEN}x"}).status_code == 403


def test_json_export_has_seed_entries(client):
    document = export_json(client)

    entries = entries_by_id(document)
    assert len(entries) == 120
    assert entries["dpj-bas-saint-laurent"]["phones"][0]["number"] == "1 800 463-9009"
    assert entries["dpj-bas-saint-laurent"]["regions"] == ["01"]


def test_csv_export_is_zip_of_csv_files(client):
    response = client.get("/admin/export?format=csv", headers=AUTH)

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert set(archive.namelist()) == CSV_FILES
    services_lines = archive.read("services.csv").decode("utf-8").splitlines()
    assert services_lines[0].startswith("id,name,kind,description_fr")
    assert len(services_lines) == 121


def test_export_rejects_unknown_format(client):
    assert client.get("/admin/export?format=xml", headers=AUTH).status_code == 422


def test_import_with_bad_row_is_rejected_unchanged(client):
    before = export_json(client)

    response = client.post("/admin/import", json=bad_seed(), headers=AUTH)

    assert response.status_code == 422
    report = response.json()
    assert report["committed"] is False
    assert [(error["location"], error["resource_id"]) for error in report["errors"]] == [
        ("upload.json entry 4", "ligneparents")
    ]
    assert report["errors"][0]["message"].startswith("phones.0.number")
    assert export_json(client) == before


def test_uploaded_file_keeps_its_name_in_errors(client):
    content = json.dumps(bad_seed()).encode()

    response = client.post(
        "/admin/import", files={"file": ("ressources.json", content, "application/json")}, headers=AUTH
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["location"] == "ressources.json entry 4"


def test_csv_import_names_the_bad_line(client):
    archive_bytes = client.get("/admin/export?format=csv", headers=AUTH).content
    archive = zipfile.ZipFile(io.BytesIO(archive_bytes))
    phones_lines = archive.read("phones.csv").decode("utf-8").splitlines()
    first_phone = phones_lines[1].split(",")
    first_phone[1] = "123"
    phones_lines[1] = ",".join(first_phone)

    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as output:
        for name in archive.namelist():
            data = "\n".join(phones_lines) + "\n" if name == "phones.csv" else archive.read(name).decode("utf-8")
            output.writestr(name, data)
    response = client.post(
        "/admin/import", files={"file": ("export.zip", broken.getvalue(), "application/zip")}, headers=AUTH
    )

    assert response.status_code == 422
    errors = response.json()["errors"]
    assert [(error["location"], error["resource_id"]) for error in errors] == [("phones.csv line 2", first_phone[0])]


def test_import_rejects_broken_json(client):
    response = client.post(
        "/admin/import", content=b"{not json", headers={**AUTH, "Content-Type": "application/json"}
    )

    assert response.status_code == 422
    assert "JSON valide" in response.json()["detail"]


def test_import_rejects_zip_without_services(client):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as output:
        output.writestr("../phones.csv", "service_id,number,label,kind,hours,toll_free\n")
    response = client.post(
        "/admin/import", files={"file": ("x.zip", archive.getvalue(), "application/zip")}, headers=AUTH
    )

    assert response.status_code == 422
    assert "services.csv" in response.json()["detail"]


def test_json_round_trip_changes_nothing(client):
    before = export_json(client)

    response = client.post("/admin/import", json=before, headers=AUTH)

    assert response.status_code == 200
    report = response.json()
    assert (report["committed"], report["inserted"], report["updated"], report["errors"]) == (True, 0, 120, [])
    assert report["routes"] == 27
    assert export_json(client) == before


def test_csv_round_trip_changes_nothing(client):
    before = export_json(client)
    archive = client.get("/admin/export?format=csv", headers=AUTH).content

    response = client.post(
        "/admin/import", files={"file": ("resources_csv.zip", archive, "application/zip")}, headers=AUTH
    )

    assert response.status_code == 200
    assert response.json()["updated"] == 120
    assert export_json(client) == before


def test_partial_import_stores_valid_entries(tmp_path):
    with admin_client(seeded_database_url(tmp_path), TOKEN) as client:
        before = entries_by_id(export_json(client))

        response = client.post("/admin/import?partial=true", json=bad_seed(), headers=AUTH)

        assert response.status_code == 200
        report = response.json()
        assert report["committed"] is True
        assert report["updated"] == 119
        assert [error["resource_id"] for error in report["errors"]] == ["ligneparents"]
        after = entries_by_id(export_json(client))
        first_id = SEED["organizations"][0]["id"]
        assert before[first_id]["name"] != "Nom modifié"
        assert after[first_id]["name"] == "Nom modifié"
        assert after["ligneparents"] == before["ligneparents"]


def test_import_refreshes_gateway_reply_numbers(tmp_path):
    from api.fixed_replies import fixed_replies

    with admin_client(seeded_database_url(tmp_path), TOKEN) as client:
        fixed_replies.cache_clear()
        assert "1 800 361-5085" in fixed_replies().degraded  # LigneParents, from the seed
        document = export_json(client)
        entries = entries_by_id(document)
        entries["ligneparents"]["phones"][0]["number"] = "1 800 555-0199"

        response = client.post("/admin/import", json=document, headers=AUTH)

        assert response.status_code == 200
        assert "1 800 555-0199" in fixed_replies().degraded
        assert "1 800 361-5085" not in fixed_replies().degraded
        fixed_replies.cache_clear()
