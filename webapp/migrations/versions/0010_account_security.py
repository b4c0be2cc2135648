"""Account security: a session generation per account, an invitation's organisation on its
link, and sign-in failures counted from the audit log (per account and address) instead of on
the account

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-25 17:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("session_generation", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.drop_column("failed_sign_ins")
        batch_op.drop_column("locked_until")
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.alter_column("session_generation", server_default=None)
    with op.batch_alter_table("sign_in_token", schema=None) as batch_op:
        batch_op.add_column(sa.Column("organisation_id", sa.String(length=36), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_sign_in_token_organisation_id_organisation"),
            "organisation",
            ["organisation_id"],
            ["id"],
            ondelete="CASCADE",
        )


def downgrade() -> None:
    with op.batch_alter_table("sign_in_token", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_sign_in_token_organisation_id_organisation"), type_="foreignkey"
        )
        batch_op.drop_column("organisation_id")
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("failed_sign_ins", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(sa.Column("locked_until", sa.DateTime(), nullable=True))
        batch_op.drop_column("session_generation")
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.alter_column("failed_sign_ins", server_default=None)
