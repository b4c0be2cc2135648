"""Open Referral UK: listings' last change, organisation numbers and what feeds bring in

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 13:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("service", schema=None) as batch_op:
        batch_op.add_column(sa.Column("modified_at", sa.DateTime(), nullable=True))
        batch_op.create_index(batch_op.f("ix_service_modified_at"), ["modified_at"], unique=False)
    op.create_table(
        "organisation_identifier",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("organisation_id", sa.String(length=36), nullable=False),
        sa.Column("identifier_type", sa.String(length=40), nullable=False),
        sa.Column("identifier", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_organisation_identifier_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation_identifier")),
        sa.UniqueConstraint(
            "identifier_type", "identifier", name=op.f("uq_organisation_identifier_identifier_type")
        ),
    )
    with op.batch_alter_table("organisation_identifier", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_organisation_identifier_organisation_id"),
            ["organisation_id"],
            unique=False,
        )
    op.create_table(
        "feed_listing",
        sa.Column("service_id", sa.String(length=36), nullable=False),
        sa.Column("feed_url", sa.String(length=500), nullable=False),
        sa.Column("publisher", sa.String(length=200), nullable=False),
        sa.Column("external_id", sa.String(length=200), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["service.id"],
            name=op.f("fk_feed_listing_service_id_service"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("service_id", name=op.f("pk_feed_listing")),
    )
    with op.batch_alter_table("feed_listing", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feed_listing_feed_url"), ["feed_url"], unique=False)
    op.create_table(
        "feed_unknown_term",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("feed_url", sa.String(length=500), nullable=False),
        sa.Column("taxonomy", sa.String(length=200), nullable=False),
        sa.Column("term", sa.String(length=200), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("services", sa.Integer(), nullable=False),
        sa.Column("last_seen", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feed_unknown_term")),
        sa.UniqueConstraint(
            "feed_url", "taxonomy", "term", name=op.f("uq_feed_unknown_term_feed_url")
        ),
    )
    op.create_table(
        "feed_possible_duplicate",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("feed_url", sa.String(length=500), nullable=False),
        sa.Column("external_id", sa.String(length=200), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("service_id", sa.String(length=36), nullable=False),
        sa.Column("reason", sa.String(length=300), nullable=False),
        sa.Column("record", sa.Text(), nullable=False),
        sa.Column("found_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["service.id"],
            name=op.f("fk_feed_possible_duplicate_service_id_service"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feed_possible_duplicate")),
        sa.UniqueConstraint(
            "feed_url", "external_id", name=op.f("uq_feed_possible_duplicate_feed_url")
        ),
    )


def downgrade() -> None:
    op.drop_table("feed_possible_duplicate")
    op.drop_table("feed_unknown_term")
    with op.batch_alter_table("feed_listing", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feed_listing_feed_url"))
    op.drop_table("feed_listing")
    with op.batch_alter_table("organisation_identifier", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organisation_identifier_organisation_id"))
    op.drop_table("organisation_identifier")
    with op.batch_alter_table("service", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_service_modified_at"))
        batch_op.drop_column("modified_at")
