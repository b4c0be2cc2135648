"""Search changes, so every server's index applies changes made on any other

Revision ID: 0008
Revises: 0003
Create Date: 2026-11-25 13:30:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "search_change",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("document_ids", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_change")),
    )
    with op.batch_alter_table("search_change", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_search_change_created_at"), ["created_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("search_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_search_change_created_at"))

    op.drop_table("search_change")
