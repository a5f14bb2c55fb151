from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

# The `flask {{ cookiecutter.__key }} ...` group; AppGroup runs each command inside an
# app context.
cli = AppGroup(
    "{{ cookiecutter.__key }}",
    help="Commands of {{ cookiecutter.extension_name }}.",
)


@cli.command("settings")
def settings() -> None:
    """Show the extension's settings for this app."""
    for key, value in sorted(current_app.config.items()):
        if key.startswith("{{ cookiecutter.__config_prefix }}"):
            click.echo(f"{key} = {value!r}")
