"""The template's Jinja extension, for cookiecutter and copier alike.

What both engines need, stated once: the filters that derive names, the one way user text
reaches a file, the check of every answer, and the year. cookiecutter loads this module through
``_extensions`` in ``cookiecutter.json`` (the template root is on ``sys.path`` while it
renders); copier through ``_jinja_extensions`` in ``copier.yml``, by file path. So it imports
nothing from the template: the standard library and Jinja only.
"""

from __future__ import annotations

import datetime
import json
import keyword
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path

from jinja2 import Environment
from jinja2 import pass_context
from jinja2.ext import Extension
from jinja2.runtime import Context

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
    """cookiecutter.json as written: the questions, their defaults and choices."""
    path = Path(__file__).resolve().parent.parent / "cookiecutter.json"
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


# The checks of the answers. Each problem is one line, ``<field>: <what is wrong>; <how to fix
# it>``: cookiecutter's pre_gen_project hook prints them all, copier shows each at its question.
# Longer names make lines that ruff format would wrap differently from the template.
MAX_NAME_LENGTH = 32
FREE_TEXT = ("short_description", "author_name")
NAME_PART = r"[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*"
# PyPI names are case-insensitive: flask-talisman is as good as Flask-Talisman.
EXTENSION_NAME = re.compile(rf"(?i:flask)-{NAME_PART}|{NAME_PART}-(?i:flask)")
PACKAGE_NAME = re.compile(r"flask_[a-z][a-z0-9_]*|[a-z][a-z0-9_]*_flask")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
GITHUB_OWNER = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}")
# PEP 440, as in packaging.version.VERSION_PATTERN (neither engine depends on packaging).
PEP440 = re.compile(
    r"""v?(?:(?:[0-9]+!)?[0-9]+(?:\.[0-9]+)*
    (?:[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview)[-_.]?[0-9]*)?
    (?:-[0-9]+|[-_.]?(?:post|rev|r)[-_.]?[0-9]*)?
    (?:[-_.]?dev[-_.]?[0-9]*)?)(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?""",
    re.VERBOSE | re.IGNORECASE,
)
TEMPLATE_SYNTAX = re.compile(r"\{[{%#]")
REFUSED_CATEGORIES = {
    "Cc": "a control character",
    "Cs": "a surrogate",
    "Zl": "a line break",
    "Zp": "a paragraph break",
}


def _name_ok(name: str) -> bool:
    return bool(EXTENSION_NAME.fullmatch(name)) and len(name) <= MAX_NAME_LENGTH


def _free_text_problem(field: str, value: str, typed: str) -> str | None:
    for char in value:
        what = REFUSED_CATEGORIES.get(unicodedata.category(char))
        if what:
            return (
                f"{field}: contains {what} (U+{ord(char):04X}); write it on one line"
                " without control characters"
            )
    if value != value.strip():
        return f"{field}: starts or ends with white space; remove it"
    if TEMPLATE_SYNTAX.search(value) or TEMPLATE_SYNTAX.search(typed):
        return (
            f"{field}: contains template syntax (a brace followed by a brace, % or #),"
            " which cookiecutter would evaluate; remove the braces"
        )
    return None


def field_problem(
    field: str,
    answers: Mapping[str, object],
    typed: Mapping[str, object] | None = None,
) -> str | None:
    """The problem with one answer, or None. ``answers`` holds it and the answers before it.

    ``typed`` holds the answers as the user gave them, before cookiecutter rendered them;
    a field missing there has the template's default, which may be derived from earlier
    answers. A default derived from a bad extension name is not reported again: the
    extension name's own line says it all.
    """
    value = str(answers[field])
    typed = {} if typed is None else typed
    name = str(answers["extension_name"])
    derived_from_a_bad_name = not _name_ok(name) and field not in typed
    if field == "extension_name":
        if not EXTENSION_NAME.fullmatch(name):
            return (
                f"extension_name: {name!r} is not of the form Flask-Name or Name-Flask; use"
                " ASCII letters, digits and single hyphens, such as Flask-SimpleXML"
            )
        if len(name) > MAX_NAME_LENGTH:
            return (
                f"extension_name: {name!r} has {len(name)} characters; use at most"
                f" {MAX_NAME_LENGTH}"
            )
    elif field == "package_name" and not derived_from_a_bad_name:
        key = extension_key(value)
        if not PACKAGE_NAME.fullmatch(value) or "__" in value or value.endswith("_"):
            return (
                f"package_name: {value!r} is not a lowercase identifier starting with flask_"
                " or ending with _flask; use lowercase letters, digits and single underscores,"
                " such as flask_simplexml"
            )
        if keyword.iskeyword(key) or keyword.issoftkeyword(key):
            return (
                f"package_name: {value!r} leaves {key!r}, a Python keyword, as the extension"
                " key; choose another name"
            )
    elif field == "author_email" and not EMAIL.fullmatch(value):
        return f"author_email: {value!r} is not an email address; give one such as jane@example.com"
    elif field == "github_owner" and not GITHUB_OWNER.fullmatch(value):
        return (
            f"github_owner: {value!r} is not a GitHub user or organization name; use letters,"
            " digits and single hyphens, at most 39 characters"
        )
    elif field == "version" and (not PEP440.fullmatch(value) or value.startswith(("v", "V"))):
        return f"version: {value!r} is not a PEP 440 version; use a form such as 0.1.0 or 1.0.0rc1"
    elif field == "author_name" and not value.strip():
        return "author_name: is empty; give the name of the author and maintainer"
    if field in FREE_TEXT and not derived_from_a_bad_name:
        return _free_text_problem(field, value, str(typed.get(field, "")))
    # The engines check the choices they prompt for; answers from elsewhere (a replay file,
    # cruft's or copier's stored answers) arrive unchecked.
    choices = template_defaults().get(field)
    if isinstance(choices, list) and answers[field] not in choices:
        return (
            f"{field}: {answers[field]!r} is not supported; choose one of"
            f" {', '.join(map(str, choices))}"
        )
    return None


def answer_problems(
    answers: Mapping[str, object], given: Mapping[str, object] | None = None
) -> list[str]:
    """Every problem with a complete set of answers, in the order of the questions.

    ``given`` is cookiecutter's ``_cookiecutter``: cookiecutter.json with the answers as the
    user gave them, before rendering; where one equals the template's default, it was not given.
    """
    defaults = template_defaults()
    typed = {k: v for k, v in (given or {}).items() if v != defaults.get(k)}
    questions = [name for name in defaults if not name.startswith("_")]
    problems = (field_problem(name, answers, typed) for name in questions)
    return [problem for problem in problems if problem]


@pass_context
def _copier_validator(context: Context, field: str) -> str:
    """copier's validator of one question: its problem, shown at the prompt, or nothing."""
    return field_problem(field, context.get_all()) or ""


def _cookiecutter_version() -> str:
    """For cookiecutter's pre_gen_project hook, which needs it: copier may run without it."""
    import cookiecutter

    return str(cookiecutter.__version__)


class TemplateExtension(Extension):
    """Registers the filters and globals above with the engine's Jinja environment."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.globals.update(
            answer_problems=answer_problems,
            validator=_copier_validator,
            # The year the project is made, for its license and docs.
            year=datetime.datetime.now(datetime.UTC).year,
            template_defaults=template_defaults,
            cookiecutter_version=_cookiecutter_version,
        )
        environment.filters.update(
            package_name=package_name,
            class_name=class_name,
            extension_key=extension_key,
            text=text,
        )
