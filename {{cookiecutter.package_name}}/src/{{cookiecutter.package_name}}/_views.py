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
    """A status page: which of the extension's settings this app sets, by name.
    Never their values: one may be a password or a key, and the page is public."""
    prefix = "{{ cookiecutter.__config_prefix }}"
    names = sorted(key for key in current_app.config if key.startswith(prefix))
    return render_template("{{ cookiecutter.__key }}/index.html", names=names)
