"""Jinja filters for the template: derived names and the one way user text reaches a file.

cookiecutter loads this module through ``_extensions`` in ``cookiecutter.json`` (the template
root is on ``sys.path`` while it renders), so every derived name is computed here, once.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from jinja2 import Environment
from jinja2.ext import Extension

# "Flask-Name" or "Name-Flask": the part that is not "Flask", split into words.
_FLASK_PART = re.compile(r"^flask[-_.]|[-_.]flask$", re.IGNORECASE)
_SEPARATORS = re.compile(r"[-_.]+")
# What RST (and Sphinx's smart quotes) could read as markup inside a line: inline markup
# characters and quotes anywhere, and runs of dashes, dots or colons ("--", "...", "::").
_RST_INLINE = re.compile(r"""([\\*`_|"'])|([-.:])(?=[-.:])|(?<=[-.:])([-.:])""")
# What RST could read as markup at the start of a line: punctuation (bullets, comments,
# field and option lists, line blocks, doctests) and list enumerators such as "1." or "a)".
_RST_LINE_START = re.compile(r"[^\w\s]|\(?([0-9]+|[A-Za-z]|[IVXLCDMivxlcdm]+|#)[.)](\s|$)")


def name_part(extension_name: str) -> str:
    """``Flask-SimpleXML`` and ``SimpleXML-Flask`` both give ``SimpleXML``."""
    return _FLASK_PART.sub("", extension_name.strip())


def package_name(extension_name: str) -> str:
    """The import package: ``Flask-SimpleXML`` gives ``flask_simplexml``."""
    return _SEPARATORS.sub("_", extension_name.strip()).lower()


def class_name(extension_name: str) -> str:
    """The extension class: ``Flask-SimpleXML`` gives ``SimpleXML``."""
    words = _SEPARATORS.split(name_part(extension_name))
    return "".join(word[:1].upper() + word[1:] for word in words if word)


def extension_key(package: str) -> str:
    """The ``app.extensions`` key: ``flask_simplexml`` gives ``simplexml``."""
    return re.sub(r"^flask_|_flask$", "", package)


def _escape(char: str) -> str:
    if char in '"\\':
        return "\\" + char
    if char == " " or char.isprintable():
        return char
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def text(value: object, kind: str = "literal") -> str:
    """Put user text into a file, safely for the file's format.

    ``literal`` gives a double-quoted string that TOML, Python and YAML all read back as
    ``value`` exactly (they share this escape syntax; astral characters use ``\\U`` because TOML
    has no surrogate pairs). ``rst`` is for a paragraph of its own in RST: it escapes what RST
    or Sphinx would read as markup there, so the page shows the text as typed. ``plain`` is
    for plain-text files such as the licence.
    """
    value = str(value)
    if kind == "literal":
        return '"' + "".join(_escape(char) for char in value) + '"'
    if kind == "rst":
        escaped = _RST_INLINE.sub(lambda match: "\\" + match.group(0), value)
        if _RST_LINE_START.match(value) and not escaped.startswith("\\"):
            escaped = "\\" + escaped
        return escaped
    if kind == "plain":
        return value
    raise ValueError(f"text(): unknown kind {kind!r}; use 'literal', 'rst' or 'plain'")


def template_defaults() -> dict[str, object]:
    """cookiecutter.json as written, so hooks can tell a given answer from a default."""
    path = Path(__file__).resolve().parent.parent / "cookiecutter.json"
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _cookiecutter_version() -> str:
    # Already imported by the process rendering this template; a hook would spend 50 ms on it.
    import cookiecutter

    return str(cookiecutter.__version__)


class TemplateFilters(Extension):
    """Registers the filters above with cookiecutter's Jinja environment."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.globals["template_defaults"] = template_defaults
        environment.globals["cookiecutter_version"] = _cookiecutter_version()
        environment.filters.update(
            package_name=package_name,
            class_name=class_name,
            extension_key=extension_key,
            text=text,
        )
