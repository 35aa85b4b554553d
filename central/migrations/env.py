"""Alembic's environment for the hub: the connection comes from central.db.Database.migrate,
so there is no alembic.ini and no URL here."""

from __future__ import annotations

from alembic import context

from central.tables import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite alters tables by copying them; batch mode does that for us.
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
