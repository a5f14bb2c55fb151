"""The template's Jinja extension, for cookiecutter and copier alike.

What both engines need, stated once: the filters that derive names, the one way user text
reaches a file, the check of every answer, and the year. cookiecutter loads this module through
``_extensions`` in ``cookiecutter.json`` (the template root is on ``sys.path`` while it
renders); copier through ``_jinja_extensions`` in ``copier.yml``, by file path. So it imports
nothing from the template: the standard library and Jinja only.
"""

from __future__ import annotations

import builtins
import contextlib
import datetime
import fnmatch
import functools
import io
import json
import keyword
import re
import subprocess
import textwrap
import tokenize
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


# The licences offered, one file each, named by its SPDX id: the text, with {year} and {author}
# where the copyright line names them.
LICENSES = Path(__file__).resolve().parent / "licenses"


def license_text(spdx: str, year: int, author: str) -> str:
    """The text of the licence ``spdx`` for LICENSE.txt, naming the year and the author."""
    text = (LICENSES / f"{spdx}.txt").read_text(encoding="utf-8")
    return text.format(year=year, author=author)


@functools.cache
def template_defaults() -> dict[str, object]:
    """cookiecutter.json as written: the questions, their defaults and choices."""
    path = Path(__file__).resolve().parent.parent / "cookiecutter.json"
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


# The checks of the answers. Each problem is one line, ``<field>: <what is wrong>; <how to fix
# it>``: cookiecutter's pre_gen_project hook prints them all, copier shows each at its question.
# Longer names make lines that ruff format would wrap differently from the template.
MAX_NAME_LENGTH = 32
# PyPI's limit for the summary, where the description goes.
MAX_DESCRIPTION_LENGTH = 512
FREE_TEXT = ("short_description", "author_name")
NAME_PART = r"[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*"
# PyPI names are case-insensitive: flask-talisman is as good as Flask-Talisman.
EXTENSION_NAME = re.compile(rf"(?i:flask)-{NAME_PART}|{NAME_PART}-(?i:flask)")
PACKAGE_NAME = re.compile(r"flask_[a-z][a-z0-9_]*|[a-z][a-z0-9_]*_flask")
# A dot-atom local part and a host name of labels that neither start nor end with a hyphen.
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
EMAIL = re.compile(rf"[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*@(?:{_LABEL}\.)+[A-Za-z]{{2,}}")
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
# The spellings of yes and no that cookiecutter reads (its YesNoPrompt); copier reads more, and
# would take "maybe" as yes, so both engines accept these only.
YES = ("yes", "y", "true", "t", "on", "1")
NO = ("no", "n", "false", "f", "off", "0")
# The commands Flask's own `flask` group has; a command group of the same name is hidden.
FLASK_COMMANDS = ("run", "shell", "routes")
PROJECT_TEMPLATE = Path(__file__).resolve().parent.parent / "{{cookiecutter.package_name}}"
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)


def _python_of(path: Path) -> str:
    """The Python in a project template file: a .py file, or an RST file's code blocks."""
    source = path.read_text(encoding="utf-8")
    if path.suffix == ".py":
        return source
    blocks = re.findall(r"^\.\. code-block:: python\n((?:\n| .*\n)+)", source, re.MULTILINE)
    return "\n".join(textwrap.dedent(block) for block in blocks)


@functools.cache
def names_used(*patterns: str) -> frozenset[str]:
    """Every Python name in the project template files matching ``patterns``, read with the
    template's own Jinja left out: the names a derived name must not be."""
    names = set()
    for pattern in patterns:
        for path in PROJECT_TEMPLATE.glob(pattern):
            source = _JINJA.sub(" ", _python_of(path))
            previous = ""
            with contextlib.suppress(tokenize.TokenError, SyntaxError):
                for token in tokenize.generate_tokens(io.StringIO(source).readline):
                    # An attribute (after a dot) is no name of its own.
                    if token.type == tokenize.NAME and previous != ".":
                        names.add(token.string)
                    previous = token.string
    return frozenset(names)


def _clash(name: str, *where: str) -> str | None:
    """Why ``name`` cannot be a name in the generated files matching ``where``, or None."""
    if keyword.iskeyword(name) or keyword.issoftkeyword(name):
        return "a Python keyword"
    if name in dir(builtins):
        return "a Python builtin"
    if name in names_used(*where):
        return "a name the generated code already uses"
    return None


# The class is named in the package, its tests, the example and the docs' code; the extension
# object (named by the key) in the example and the docs' code.
CLASS_SCOPE = ("src/*/*.py", "tests/*.py", "examples/*.py", "*.rst", "docs/*.rst")
KEY_SCOPE = ("examples/*.py", "*.rst", "docs/*.rst")


def _key_clash(key: str) -> str | None:
    why = _clash(key, *KEY_SCOPE)
    return why and f"makes {key!r} the name of the extension object in the examples, {why}"


def _name_clash(name: str) -> str | None:
    cls = class_name(name)
    why = _clash(cls, *CLASS_SCOPE)
    if why:
        return f"makes the class {cls}, {why}"
    return _key_clash(extension_key(package_name(name)))


def _name_problem(name: str) -> str | None:
    if not EXTENSION_NAME.fullmatch(name):
        return (
            "use the form Flask-Name or Name-Flask; ASCII letters, digits and single hyphens,"
            f" such as Flask-SimpleXML (not {name!r})"
        )
    if len(name) > MAX_NAME_LENGTH:
        return f"use at most {MAX_NAME_LENGTH} characters; {name!r} has {len(name)}"
    clash = _name_clash(name)
    if clash:
        part = name_part(name)
        longer = name.replace(part, part + "Ext", 1)
        instead = "another name" if _name_clash(longer) else f"{longer} or another name"
        return f"use {instead}; {name!r} {clash}"
    return None


def _email_problem(value: str) -> str:
    """What is wrong with an address that is not one, in a few words."""
    local, at, domain = value.rpartition("@")
    if not at:
        return f"{value!r} has no @"
    if "." not in domain:
        return f"its domain {domain!r} has no dot"
    if not EMAIL.fullmatch(f"{local}@example.com"):
        return f"its part before the @, {local!r}, is not one an address can have"
    return f"its domain {domain!r} is not a domain name"


def _free_text_problem(field: str, value: str) -> str | None:
    for char in value:
        what = REFUSED_CATEGORIES.get(unicodedata.category(char))
        if what:
            return (
                f"{field}: write it on one line without control characters; it contains"
                f" {what} (U+{ord(char):04X})"
            )
    if value != value.strip():
        return f"{field}: remove the white space; it starts or ends with some"
    if field == "short_description" and not value:
        return "short_description: say in one sentence what the extension does; it is empty"
    if field == "short_description" and len(value) > MAX_DESCRIPTION_LENGTH:
        return (
            "short_description: keep it to one short sentence; it has"
            f" {len(value)} characters, more than PyPI's {MAX_DESCRIPTION_LENGTH}"
        )
    return None


def namespace(answers: Mapping[str, object]) -> dict[str, object]:
    """The ``cookiecutter`` namespace of cookiecutter.json for these answers: each derived name
    rendered in order with the template's filters, the private settings as written. A name
    derived after the first question not yet answered is left out."""
    result: dict[str, object] = {}
    answered = True
    for key, value in template_defaults().items():
        if key.startswith("__") and isinstance(value, str):
            # A name derived from a bad answer (a choice not offered, say) is left out.
            with contextlib.suppress(ValueError, LookupError, TypeError):
                if answered:
                    result[key] = _ENVIRONMENT.from_string(value).render(cookiecutter=result)
        elif key.startswith("_"):  # private settings (and __prompts__)
            result[key] = value
        elif key in answers:
            result[key] = answers[key]
        else:
            answered = False
    # cookiecutter.json's private _adopt is copier's question `adopt`: only copier writes
    # into an existing project (copier_config.ADOPT).
    result["_adopt"] = adopting(answers)
    return result


def adopting(answers: Mapping[str, object]) -> bool:
    """Whether the answers adopt an existing project (copier reads yes/no text later)."""
    adopt = answers.get("adopt")
    return adopt is True or (isinstance(adopt, str) and adopt.lower() in YES)


def is_default(field: str, answers: Mapping[str, object]) -> bool:
    """Whether the answer is the question's default, derived from the answers before it."""
    default = template_defaults()[field]
    if isinstance(default, str) and "{{" in default:
        earlier = questions()[: questions().index(field)]
        before = {key: answers[key] for key in earlier if key in answers}
        default = _ENVIRONMENT.from_string(default).render(cookiecutter=namespace(before))
    elif isinstance(default, list):
        default = default[0]
    # True is not 1: a yes/no answer is a boolean.
    return type(answers[field]) is type(default) and answers[field] == default


# The prompts whose defaults are examples, not anyone's real answer.
EXAMPLE_ANSWERS = ("author_name", "author_email", "github_owner", "short_description")


def placeholders(answers: Mapping[str, object]) -> list[str]:
    """The example answers a bake kept: its Makefile's ``make dist`` refuses to publish them.
    A bake with real answers has no such check to run."""
    kept = [field for field in EXAMPLE_ANSWERS if field in answers and is_default(field, answers)]
    return [str(answers[field]) for field in kept]


def questions() -> list[str]:
    return [name for name in template_defaults() if not name.startswith("_")]


def _yes_no(value: object) -> bool:
    return isinstance(value, bool) or (isinstance(value, str) and value.lower() in YES + NO)


def field_problem(
    field: str,
    answers: Mapping[str, object],
    given: Mapping[str, object] | None = None,
) -> str | None:
    """The problem with one answer, or None. ``answers`` holds it and the answers before it.

    ``given`` holds answers as they were given on the command line or in a file, before the
    engine read them. An answer derived from a bad extension name is not reported again: the
    extension name's own line says it all.
    """
    value = str(answers[field])
    given = {} if given is None else given
    name = str(answers["extension_name"])
    default = template_defaults()[field]
    if field != "extension_name" and _name_problem(name) and is_default(field, answers):
        return None
    # Typed at a prompt, template syntax reaches the answer; given on the command line or in
    # a file, cookiecutter has rendered it, but it is still in what was given. Other fields'
    # forms leave no room for braces.
    typed = given.get(field)
    typed = typed if isinstance(typed, str) and typed != default else ""
    if TEMPLATE_SYNTAX.search(typed) or field in FREE_TEXT and TEMPLATE_SYNTAX.search(value):
        return (
            f"{field}: remove the braces; it contains template syntax (a brace followed by a"
            " brace, % or #), which cookiecutter would evaluate"
        )
    if field == "extension_name":
        problem = _name_problem(name)
        return problem and f"extension_name: {problem}"
    if field == "package_name" and not is_default(field, answers):
        key = extension_key(value)
        if not PACKAGE_NAME.fullmatch(value) or "__" in value or value.endswith("_"):
            return (
                "package_name: use a lowercase identifier starting with flask_ or ending with"
                " _flask; letters, digits and single underscores, such as flask_simplexml"
                f" (not {value!r})"
            )
        clash = _key_clash(key)
        if clash:
            return f"package_name: use another name; {value!r} {clash}"
    elif field == "author_email" and not EMAIL.fullmatch(value):
        return f"author_email: {_email_problem(value)}; give one such as jane@example.com"
    elif field == "github_owner" and not GITHUB_OWNER.fullmatch(value):
        return (
            "github_owner: use a GitHub user or organization name; letters, digits and single"
            f" hyphens, at most 39 characters (not {value!r})"
        )
    elif field == "version":
        if not PEP440.fullmatch(value) or value.startswith(("v", "V")):
            return f"version: use a PEP 440 version, such as 0.1.0 or 1.0.0rc1; not {value!r}"
        if "+" in value:
            return (
                f"version: use {value.partition('+')[0]}; PyPI refuses a local part (+...),"
                f" as in {value!r}"
            )
    elif field == "author_name" and not value.strip():
        return "author_name: give the name of the author and maintainer; it is empty"
    elif isinstance(default, bool):
        if not isinstance(answers[field], bool) or not _yes_no(given.get(field, True)):
            shown = given.get(field, answers[field])
            return f"{field}: answer yes or no (or true or false); not {shown!r}"
        key = extension_key(str(answers.get("package_name") or package_name(name)))
        if field == "with_cli" and answers[field] and key in FLASK_COMMANDS:
            return (
                "with_cli: answer no, or choose another extension_name or package_name; the"
                f" command group would be `flask {key}`, which Flask's own `flask {key}` hides"
            )
    if field in FREE_TEXT:
        return _free_text_problem(field, value)
    # The engines check the choices they prompt for; answers from elsewhere (a replay file,
    # cruft's or copier's stored answers) arrive unchecked.
    if isinstance(default, list) and answers[field] not in default:
        return (
            f"{field}: choose one of {', '.join(map(str, default))}; {answers[field]!r} is not"
            " supported"
        )
    return None


def answer_problems(
    answers: Mapping[str, object], given: Mapping[str, object] | None = None
) -> list[str]:
    """Every problem with a complete set of answers, in the order of the questions.

    ``given`` is cookiecutter's ``_cookiecutter``: cookiecutter.json with the answers given on
    the command line or in a config file put in, before rendering.
    """
    problems = (field_problem(name, answers, given) for name in questions())
    return [problem for problem in problems if problem]


def rerun_arguments(answers: Mapping[str, object], given: Mapping[str, object]) -> list[str]:
    """The ``key=value`` arguments that bake these answers again with ``--no-input``: every
    answer that is not its default, as it was typed or given."""
    arguments = []
    for field in questions():
        if is_default(field, answers):
            continue
        value = given.get(field)
        if value is None or value == template_defaults()[field]:
            value = answers[field]
        if isinstance(value, bool):
            value = "yes" if value else "no"
        arguments.append(f"{field}={value}")
    return arguments


def _matches(path: str, pattern: str) -> bool:
    """Whether ``path``, or a folder it is in, matches a pattern of ``_files_by_option``."""
    parts = path.split("/")
    return any(
        fnmatch.fnmatchcase("/".join(parts[:end]), pattern) for end in range(1, len(parts) + 1)
    )


def project_files(names: Mapping[str, object], *, every_option: bool = False) -> list[str]:
    """The files the project template writes, relative to the project, for the ``cookiecutter``
    namespace ``names``: those of the options chosen (``_files_by_option``), or of any option."""
    table: dict[str, dict[str, object]] = template_defaults()["_files_by_option"]  # type: ignore[assignment]
    files = []
    for path in sorted(PROJECT_TEMPLATE.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        template = path.relative_to(PROJECT_TEMPLATE).as_posix()
        relative = _ENVIRONMENT.from_string(template).render(cookiecutter=names)
        if not relative or relative.endswith("/"):  # a name left empty: cookiecutter's answers
            continue
        left_out = not every_option and any(
            any(names.get(option) != value for option, value in wanted.items())
            and _matches(relative, pattern)
            for pattern, wanted in table.items()
        )
        if not left_out:
            files.append(relative)
    return files


def _destination_problem(answers: Mapping[str, object]) -> str | None:
    """Under copier: the files of a new project that the destination already holds.

    copier would stop half-way at the first (or, with --overwrite, replace them); a project
    made from this template (its answers file there) is being updated, not made.
    """
    conf = answers["_copier_conf"]
    destination = Path(str(conf["dst_path"]))  # type: ignore[index]
    if conf["overwrite"] or (destination / ".copier-answers.yml").exists():  # type: ignore[index]
        return None
    names = namespace(answers)
    there = [
        path for path in project_files(names, every_option=True) if (destination / path).exists()
    ]
    if not there:
        return None
    return (
        "package_name: copy into a new or empty directory, or give --overwrite to replace"
        f" them; {destination} already holds files the project would have"
        f" ({', '.join(there[:3])}{', ...' if len(there) > 3 else ''})"
    )


def _as_copier_reads(field: str, value: object) -> object:
    """A given answer as copier reads it for its question: yes/no text as a boolean."""
    yes_no = isinstance(template_defaults().get(field), bool)
    return value.lower() in YES if yes_no and isinstance(value, str) and _yes_no(value) else value


def _adoption_problem(answers: Mapping[str, object]) -> str | None:
    """Under copier with ``adopt``: what keeps the destination from being adopted."""
    destination = Path(str(answers["_copier_conf"]["dst_path"]))  # type: ignore[index]
    package = str(answers["package_name"])
    if (destination / "src" / package / "__init__.py").is_file():
        return None
    if (destination / package / "__init__.py").is_file():
        return (
            f"package_name: the gates read the package from src/; move it there first:"
            f" git mv {package} src/{package} && git commit, then adopt"
        )
    return (
        f"package_name: {destination} has no package src/{package}/; give the name the"
        " project imports"
    )


@pass_context
def adoptable(context: Context) -> bool:
    """Whether copier writes into a project that exists, not made from this template or
    adopted already: then it asks whether to adopt it."""
    conf = context["_copier_conf"]
    destination = Path(str(conf["dst_path"]))
    answers = destination / str(conf["answers_file"])
    if answers.is_file():
        import yaml  # copier's

        return "adopt" in (yaml.safe_load(answers.read_text("utf-8")) or {})
    return (destination / "pyproject.toml").is_file()


@pass_context
def _adoption_validator(context: Context) -> str:
    """copier's validator of ``adopt``: what an adoption needs before it writes anything.

    Nothing to check when not adopting, where there is no project (copier update renders
    the template in empty directories, with the stored answers), or where the project is
    adopted already (copier recopy)."""
    conf = context["_copier_conf"]
    destination = Path(str(conf["dst_path"]))
    answers = destination / str(conf["answers_file"])
    if not adopting(context) or not adoptable(context) or answers.is_file():
        return ""
    try:
        import tomlkit  # noqa: F401
    except ImportError:
        return (
            "tomlkit, which merges the toolchain into pyproject.toml, is not beside copier:"
            " uvx --with copier-template-extensions --with tomlkit copier copy ..."
        )
    status = subprocess.run(
        ["git", "status", "--porcelain"], cwd=destination, capture_output=True, text=True
    )
    if status.returncode or status.stdout:
        return (
            f"commit the project first: {destination} is not a git repository with its"
            " pyproject.toml committed and nothing else changed; the adoption is a diff to review"
        )
    return ""


@pass_context
def _copier_validator(context: Context, field: str) -> str:
    """copier's validator of one question: its problem, shown at the prompt, or nothing.

    Answers given with ``--data`` are checked one by one, and copier stops at the first
    problem: so that one line lists, on lines of their own, the problems of the later ones.
    """
    answers = context.get_all()
    data = dict(answers["_copier_conf"]["data"])
    problem = field_problem(field, answers, data)
    if field == "package_name" and not problem:
        if not adopting(answers):
            problem = _destination_problem(answers)
        elif adoptable(context):  # not in the empty directories of copier update
            problem = _adoption_problem(answers)
    if not problem:
        return ""
    # copier names the question itself, and its toolbar shows one line: the reason and the
    # fix come first.
    problem = problem.removeprefix(f"{field}: ")
    if field in data:
        later = questions()[questions().index(field) + 1 :]
        read = {name: _as_copier_reads(name, value) for name, value in data.items()}
        rest = (field_problem(name, {**answers, **read}, data) for name in later if name in data)
        problem = "\n".join([problem, *filter(None, rest)])
    return problem


def _cookiecutter_version() -> str:
    """For cookiecutter's pre_gen_project hook, which needs it: copier may run without it."""
    import cookiecutter

    return str(cookiecutter.__version__)


class TemplateExtension(Extension):
    """Registers the filters and globals above with the engine's Jinja environment."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        # tojson keeps the answers' order, as cruft writes them to .cruft.json (see the post hook).
        environment.policies["json.dumps_kwargs"] = {"sort_keys": False}
        environment.globals.update(
            answer_problems=answer_problems,
            validator=_copier_validator,
            adoption_validator=_adoption_validator,
            adoptable=adoptable,
            # The year the project is made, for its license and docs.
            year=datetime.datetime.now(datetime.UTC).year,
            template_defaults=template_defaults,
            namespace=namespace,
            questions=questions,
            rerun_arguments=rerun_arguments,
            license_text=license_text,
            placeholders=placeholders,
            cookiecutter_version=_cookiecutter_version,
        )
        environment.filters.update(
            package_name=package_name,
            class_name=class_name,
            extension_key=extension_key,
            text=text,
        )


# Renders the derived names of cookiecutter.json, with the filters above, for the checks.
_ENVIRONMENT = Environment(extensions=[TemplateExtension])
