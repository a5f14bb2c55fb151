from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

# `flask {{ cookiecutter.__key }} ...`; AppGroup runs each command inside an app context.
cli = AppGroup(
    "{{ cookiecutter.__key }}",
    help="Commands of {{ cookiecutter.extension_name }}.",
)


@cli.command("check")
def check() -> None:
    """Open a connection with the app's config and report the database in use."""
    state = current_app.extensions["{{ cookiecutter.__key }}"]
    query = state.extension.connection.execute("SELECT sqlite_version()")
    click.echo(f"Connected to {state.database} (SQLite {query.fetchone()[0]}).")
