"""Alembic revisions of the hub's schema."""
