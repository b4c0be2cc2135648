"""Open Referral UK API: indexes for paging listings by name and for the freshness check

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-25 16:40:00
"""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("service", schema=None) as batch_op:
        batch_op.create_index("ix_service_name_id_status", ["name", "id", "status"], unique=False)
        batch_op.create_index(
            "ix_service_changes", ["modified_at", "last_checked", "status"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("service", schema=None) as batch_op:
        batch_op.drop_index("ix_service_changes")
        batch_op.drop_index("ix_service_name_id_status")
