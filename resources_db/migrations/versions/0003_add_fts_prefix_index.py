"""Give SQLite's full-text table prefix indexes for prefixes of 2 to 10 characters.

Every search word is matched as a prefix ("agression" also finds "agressions"). Without a
prefix index, FTS5 merges the document lists of every indexed word that starts with the
prefix, which made a word found in most services ("jeunes", 8,809 of 10,000) cost about
8 ms; with the index it reads one list. The index makes the database about 50 % larger.
PostgreSQL's tsvector search is unchanged.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04 23:00:00

"""
from typing import Sequence, Union

from alembic import op


revision: str = '0003'
down_revision: Union[str, Sequence[str], None] = '0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# resources_db.search matches words of one character exactly, so no prefix of length 1.
PREFIX_LENGTHS = "2 3 4 5 6 7 8 9 10"


def _recreate_fts_table(prefix_option: str) -> None:
    """Replace service_fts by a table with the given extra options, then fill it from service."""
    op.execute("DROP TABLE IF EXISTS service_fts")
    op.execute(
        "CREATE VIRTUAL TABLE service_fts USING fts5("
        "name, search_text, content='service', content_rowid='id', "
        f"tokenize='unicode61 remove_diacritics 2'{prefix_option})"
    )
    op.execute("INSERT INTO service_fts(service_fts) VALUES('rebuild')")


def upgrade() -> None:
    """Upgrade schema."""
    if op.get_bind().dialect.name == "sqlite":
        _recreate_fts_table(f", prefix='{PREFIX_LENGTHS}'")


def downgrade() -> None:
    """Downgrade schema."""
    if op.get_bind().dialect.name == "sqlite":
        _recreate_fts_table("")
