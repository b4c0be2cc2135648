"""Saved planner answers

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 01:51:32.704698
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "saved_plan",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("answers", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_saved_plan")),
    )
    with op.batch_alter_table("saved_plan", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_saved_plan_expires_at"), ["expires_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("saved_plan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_saved_plan_expires_at"))

    op.drop_table("saved_plan")
