"""Planner answers kept on the server; when a saved plan was last changed

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 13:30:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "planner_answers",
        sa.Column("id_hash", sa.String(length=64), nullable=False),
        sa.Column("answers", sa.Text(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id_hash", name=op.f("pk_planner_answers")),
    )
    with op.batch_alter_table("planner_answers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_planner_answers_expires_at"), ["expires_at"], unique=False
        )
    with op.batch_alter_table("saved_plan", schema=None) as batch_op:
        batch_op.add_column(sa.Column("updated_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("saved_plan", schema=None) as batch_op:
        batch_op.drop_column("updated_at")
    with op.batch_alter_table("planner_answers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_planner_answers_expires_at"))
    op.drop_table("planner_answers")
