"""Listing status: availability, temporary closure, the provider's last update and checks

Revision ID: 0005
Revises: 0003
Create Date: 2026-11-25 13:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("service", schema=None) as batch_op:
        batch_op.add_column(sa.Column("availability", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("availability_updated_on", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column("closed_reason", sa.String(length=300), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("reopening_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("provider_updated_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("dbs_checked", sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column("insured", sa.Boolean(), nullable=True))
        batch_op.add_column(
            sa.Column("accreditation", sa.String(length=200), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("service", schema=None) as batch_op:
        batch_op.drop_column("accreditation")
        batch_op.drop_column("insured")
        batch_op.drop_column("dbs_checked")
        batch_op.drop_column("provider_updated_on")
        batch_op.drop_column("reopening_on")
        batch_op.drop_column("closed_reason")
        batch_op.drop_column("availability_updated_on")
        batch_op.drop_column("availability")
