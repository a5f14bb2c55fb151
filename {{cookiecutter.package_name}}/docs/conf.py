import os
import socket
from urllib.parse import urlsplit

from docutils.nodes import Element
from pallets_sphinx_themes import get_version
from pallets_sphinx_themes import ProjectLink
from sphinx.application import Sphinx

# Project --------------------------------------------------------------

project = "{{ cookiecutter.extension_name }}"
author = {{ cookiecutter.author_name | text }}
copyright = f"{{ year }} {author}"
release, version = get_version("{{ cookiecutter.extension_name }}")

# General --------------------------------------------------------------

default_role = "code"
extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.extlinks",
    "sphinx.ext.intersphinx",
    "pallets_sphinx_themes",
]
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_preserve_defaults = True
intersphinx_mapping = {
    "python": ("https://docs.python.org/3/", None),
    "flask": ("https://flask.palletsprojects.com/en/stable/", None),
    "werkzeug": ("https://werkzeug.palletsprojects.com/en/stable/", None),
}


def reachable(url: str) -> bool:
    parts = urlsplit(url)
    try:
        socket.create_connection((parts.hostname, parts.port or 443), timeout=3).close()
    except OSError:
        return False
    return True


# On Read the Docs and in CI, every inventory is read, and one that cannot be fails the
# build. Elsewhere, without network, the build goes on without the inventories it cannot
# reach (DOCS_OFFLINE=1: without any), says which, and references into them become plain
# text. A broken reference within these docs is an error everywhere.
if os.environ.get("DOCS_OFFLINE"):
    left_out = list(intersphinx_mapping)
elif os.environ.get("READTHEDOCS") or os.environ.get("CI"):
    left_out = []
else:
    left_out = [n for n, (url, _) in intersphinx_mapping.items() if not reachable(url)]
if left_out:
    names = ", ".join(left_out)
    print(f"docs: without the inventories of {names}: links into them are text")
intersphinx_mapping = {
    name: target for name, target in intersphinx_mapping.items() if name not in left_out
}


def unlinked(app: Sphinx, env: object, node: Element, text: Element) -> Element | None:
    """A reference into an inventory left out (``flask:app-factories``): its text."""
    inventory = str(node.get("reftarget", "")).partition(":")[0]
    return text if inventory in left_out else None


def setup(app: Sphinx) -> None:
    app.connect("missing-reference", unlinked)


# HTML -----------------------------------------------------------------

html_theme = "flask"
pypi_url = "https://pypi.org/project/{{ cookiecutter.extension_name }}/"
repo_url = "{{ cookiecutter.__repo_url }}/"
# :issue:`12` and :pr:`34` in the changelog link to the repository.
extlinks = {
{%- if cookiecutter.ci == "gitlab" %}
    "issue": (f"{repo_url}-/issues/%s", "#%s"),
    "pr": (f"{repo_url}-/merge_requests/%s", "!%s"),
{%- elif cookiecutter.ci in ("github", "travis", "none") %}
    "issue": (f"{repo_url}issues/%s", "#%s"),
    "pr": (f"{repo_url}pull/%s", "#%s"),
{%- endif %}
}
html_context = {
    "project_links": [
        ProjectLink("PyPI Releases", pypi_url),
        ProjectLink("Source Code", repo_url),
        ProjectLink("Issue Tracker", f"{repo_url}issues/"),
    ]
}
html_sidebars = {
    "index": ["project.html", "localtoc.html", "searchbox.html"],
    "**": ["localtoc.html", "relations.html", "searchbox.html"],
}
html_title = f"{project} Documentation ({version})"
html_show_sourcelink = False
