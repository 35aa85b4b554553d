"""Encryption at rest: personal fields sealed in text columns, documents' bytes moved out of
the database into the blob store, sealed.

The keys come from the hub (Database.migrate(at_rest=…), see central.at_rest): rows an older
hub wrote in plaintext are sealed here with them, and their documents written to the blob
store. A database with no such rows needs no keys to upgrade.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from alembic import context, op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_BATCH = 500

# (table, primary key, column, JSON?): the context of each is "table.column", as in tables.py.
SEALED = [
    ("applications", "id", "applicant_number", False),
    ("applications", "id", "applicant_name", False),
    ("applications", "id", "form", True),
    ("applications", "id", "delivery", True),
    ("bookings", "code", "applicant_name", False),
    ("application_commitments", "id", "text", False),
    ("ratings", "id", "comment", False),
    ("documents", "id", "file_name", False),
]


def upgrade() -> None:
    _documents_to_blobs()
    for table, key, column, is_json in SEALED:
        _seal_column(table, key, column, is_json)


def downgrade() -> None:
    raise NotImplementedError(
        "the hub's data cannot be unsealed back into the database by a migration; restore the "
        "backup taken before the upgrade"
    )


def _at_rest(what: str) -> Any:
    at_rest = context.config.attributes.get("at_rest")
    if at_rest is None:
        raise RuntimeError(
            f"{what} must be sealed with the hub's keys: upgrade by starting the hub "
            "(kiosk-hub serve), which loads them"
        )
    return at_rest


def _documents_to_blobs() -> None:
    connection = op.get_bind()
    documents = sa.table("documents", sa.column("id", sa.String), sa.column("data", sa.LargeBinary))
    last = ""
    while True:
        rows = connection.execute(
            sa.select(documents.c.id, documents.c.data)
            .where(documents.c.id > last)
            .order_by(documents.c.id)
            .limit(_BATCH)
        ).all()
        if not rows:
            break
        blobs = _at_rest("documents").documents
        for row in rows:
            blobs.put(row.id, bytes(row.data))
        last = rows[-1].id
    if connection.dialect.name == "sqlite":
        # In place: a copied table (batch mode) could not be dropped while commitments refer
        # to its rows.
        op.execute("ALTER TABLE documents DROP COLUMN data")
    else:
        op.drop_column("documents", "data")


def _seal_column(table: str, key: str, column: str, is_json: bool) -> None:
    connection = op.get_bind()
    sqlite = connection.dialect.name == "sqlite"
    target = f"{column}_sealed" if sqlite else column
    if sqlite:
        # SQLite changes a column's type only by copying the table, which foreign keys to it
        # forbid: a new column instead, filled, then renamed in place of the old one.
        op.execute(f"ALTER TABLE {table} ADD COLUMN {target} TEXT NOT NULL DEFAULT ''")
    else:
        op.alter_column(
            table,
            column,
            type_=sa.Text(),
            existing_nullable=False,
            postgresql_using=f"{column}::text",
        )
    rows_of = sa.table(table, sa.column(key), sa.column(column, sa.Text), sa.column(target))
    update = (
        rows_of.update()
        .where(rows_of.c[key] == sa.bindparam("row_key"))
        .values({target: sa.bindparam("sealed")})
    )
    context_name = f"{table}.{column}"
    last: Any = None
    while True:
        query = sa.select(rows_of.c[key], rows_of.c[column]).order_by(rows_of.c[key]).limit(_BATCH)
        if last is not None:
            query = query.where(rows_of.c[key] > last)
        rows = connection.execute(query).all()
        if not rows:
            break
        cipher = _at_rest(context_name).cipher
        connection.execute(
            update,
            [
                {
                    "row_key": row[0],
                    "sealed": cipher.seal_text(_plain(row[1], is_json), context_name),
                }
                for row in rows
            ],
        )
        last = rows[-1][0]
    if sqlite:
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
        op.execute(f"ALTER TABLE {table} RENAME COLUMN {target} TO {column}")


def _plain(value: str, is_json: bool) -> str:
    # JSON as central.sealing.SealedJSON writes it, so that both read back alike.
    return json.dumps(json.loads(value), ensure_ascii=False, sort_keys=True) if is_json else value
