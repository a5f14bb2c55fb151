import os
import socket
from urllib.parse import urlsplit

from pallets_sphinx_themes import get_version
from pallets_sphinx_themes import ProjectLink

# Project --------------------------------------------------------------

project = "{{ cookiecutter.extension_name }}"
author = {{ cookiecutter.author_name | text }}
copyright = f"{{ year }} {author}"
release, version = get_version("{{ cookiecutter.extension_name }}")

# General --------------------------------------------------------------

default_role = "code"
extensions = [
    "sphinx.ext.autodoc",
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


# Without network, build anyway: links into unreachable docs become plain text. A broken
# reference within these docs is still an error. DOCS_OFFLINE=1 leaves them all out, for
# a build that reads nothing from the network.
intersphinx_mapping = {
    name: target
    for name, target in intersphinx_mapping.items()
    if not os.environ.get("DOCS_OFFLINE") and reachable(target[0])
}

# HTML -----------------------------------------------------------------

html_theme = "flask"
pypi_url = "https://pypi.org/project/{{ cookiecutter.extension_name }}/"
repo_url = "{{ cookiecutter.__repo_url }}/"
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
