"""Add the data revision counter and an index on schedule.phone_id.

The revision lets each process keep the matching candidates in memory and reload them only
after an import. The index serves the look-up of a phone's hours by phone id.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04 20:30:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0002'
down_revision: Union[str, Sequence[str], None] = '0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    revision_table = op.create_table(
        'resource_revision',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('revision', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.bulk_insert(revision_table, [{'id': 1, 'revision': 0}])

    with op.batch_alter_table('schedule', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_schedule_phone_id'), ['phone_id'], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('schedule', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_schedule_phone_id'))

    op.drop_table('resource_revision')
