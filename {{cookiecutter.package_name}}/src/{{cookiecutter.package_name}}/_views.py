from __future__ import annotations

from flask import Blueprint
from flask import current_app
from flask import render_template

# Templates and static files are read from the package directory (why it is not
# zip-safe). An app overrides a template by putting its own at the same path in its
# templates folder.
blueprint = Blueprint(
    "{{ cookiecutter.__key }}",
    __name__,
    template_folder="templates",
    static_folder="static",
)


@blueprint.get("/")
def index() -> str:
    """A status page: the extension's settings for this app."""
    settings = {
        key: value
        for key, value in current_app.config.items()
        if key.startswith("{{ cookiecutter.__config_prefix }}")
    }
    return render_template("{{ cookiecutter.__key }}/index.html", settings=settings)
