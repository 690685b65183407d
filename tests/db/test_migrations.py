import pytest
from alembic import command
from sqlalchemy import inspect

from resources_db.migrations import alembic_config, upgrade_to_head

EXPECTED_TABLES = {
    "organization", "service", "location", "phone", "schedule", "service_area",
    "taxonomy_term", "service_taxonomy", "source", "dpj_route", "alembic_version",
}


def test_upgrade_creates_hsds_tables(empty_engine):
    tables = set(inspect(empty_engine).get_table_names())
    assert EXPECTED_TABLES <= tables


def test_upgrade_creates_search_index(empty_engine):
    inspector = inspect(empty_engine)
    if empty_engine.dialect.name == "sqlite":
        assert "service_fts" in inspector.get_table_names()
    else:
        columns = {column["name"] for column in inspector.get_columns("service")}
        assert "search_vector" in columns


def test_sqlite_search_index_has_prefix_indexes(empty_engine):
    if empty_engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL searches its tsvector column, which has no prefix option")
    with empty_engine.connect() as connection:
        table_sql = connection.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE name = 'service_fts'"
        ).scalar_one()
    assert "prefix='2 3 4 5 6 7 8 9 10'" in table_sql


def test_downgrade_then_upgrade_again(empty_engine):
    config = alembic_config(empty_engine)
    command.downgrade(config, "base")
    assert "service" not in inspect(empty_engine).get_table_names()

    upgrade_to_head(empty_engine)
    assert "service" in inspect(empty_engine).get_table_names()
