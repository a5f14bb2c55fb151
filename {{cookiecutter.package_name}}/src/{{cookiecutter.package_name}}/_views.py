from __future__ import annotations

from flask import Blueprint
from flask import current_app
from flask import render_template

# Templates and static files are read from the package directory (why it is not zip-safe).
# An app overrides a template by putting its own at the same path in its templates folder.
blueprint = Blueprint(
    "{{ cookiecutter.__key }}",
    __name__,
    template_folder="templates",
    static_folder="static",
)


@blueprint.get("/")
def index() -> str:
    """A status page: the app's database and the SQLite version behind it."""
    state = current_app.extensions["{{ cookiecutter.__key }}"]
    query = state.extension.connection.execute("SELECT sqlite_version()")
    return render_template(
        "{{ cookiecutter.__key }}/index.html",
        database=state.database,
        sqlite_version=query.fetchone()[0],
    )
