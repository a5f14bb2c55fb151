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
    """List the extension's settings this app sets, by name: values may be secret."""
    for key in sorted(current_app.config):
        if key.startswith("{{ cookiecutter.__config_prefix }}"):
            click.echo(key)
