"""Three extensions poured into bakes as their authors would port them, through every gate.

Each port changes only what an author porting an extension changes: the package in ``src/``,
the tests in ``tests/`` (keeping ``test_guidelines.py``, whose ``new_app`` fixture gets the
config the extension needs), the docs pages and README, and the dependency lists. Then the
bake's own targets run on it, with the toolchain as the template wrote it:

(a) a typed extension that passes ``mypy --strict``, with an unreachable branch, an
    ``if current_app:`` and untyped tests;
(b) an untyped package with untyped tests, whose one toolchain change is the switch: the
    ``Typing :: Typed`` classifier removed;
(c) a package whose tests group has a dependency with an extra, with ``README.md``, a
    ``LICENSE`` file, illustrative snippets in its docs that do not run, a setting it refuses
    to start without, and ``fix = true`` in its ruff table (the bake's, as Pallets').
"""

from __future__ import annotations

import json
import os
import shutil
import tomllib
from pathlib import Path

import pytest

from conftest import Bake
from conftest import edit
from conftest import REAL_ANSWERS
from conftest import run

pytestmark = pytest.mark.slow

# What each port's tests and docs share: an app fixture, and the bake's pages in the toctree.
APP_FIXTURE = """import pytest
from flask import Flask

from flask_example import Example


@pytest.fixture
def app():
    app = Flask(__name__)
    Example(app)
    return app
"""
TOCTREE = """.. toctree::

    config
    api
    contributing
    changes
    license
"""

TYPED = {
    "src/flask_example/__init__.py": '''"""Greets in the language each app is configured with."""

from __future__ import annotations

from flask import current_app
from flask.sansio.app import App

from .greetings import greeting_for

__all__ = ["Example", "greeting_for"]


class Example:
    """Greetings in each app's language.

    :param app: The app to register on now, or ``None`` to call :meth:`init_app` later.
    """

    def __init__(self, app: App | None = None) -> None:
        if app is not None:
            self.init_app(app)

    def init_app(self, app: App) -> None:
        """Set the config default."""
        app.config.setdefault("EXAMPLE_LANGUAGE", "en")
        app.extensions["example"] = self

    @property
    def language(self) -> str:
        """The current app's language, or English outside an app context."""
        if current_app:
            return str(current_app.config["EXAMPLE_LANGUAGE"])
        return "en"

    def greet(self, name: str | None = None) -> str:
        """The greeting in the current app's language."""
        return greeting_for(self.language, name)
''',
    "src/flask_example/greetings.py": '''"""Greetings by language."""

from __future__ import annotations

GREETINGS: dict[str, str] = {"en": "Hello", "fr": "Bonjour"}


def greeting_for(language: str, name: str | None = None) -> str:
    """The greeting in ``language``, to ``name`` if given."""
    word = GREETINGS.get(language, GREETINGS["en"])
    if isinstance(name, str):
        return f"{word}, {name}!"
    elif name is None:
        return f"{word}!"
    else:
        raise TypeError(name)
''',
    "tests/conftest.py": APP_FIXTURE,
    "tests/test_greet.py": """from flask_example import Example


def test_in_the_apps_language(app):
    app.config["EXAMPLE_LANGUAGE"] = "fr"
    with app.app_context():
        assert app.extensions["example"].greet("Ann") == "Bonjour, Ann!"


def test_outside_an_app():
    assert Example().greet() == "Hello!"
""",
    "docs/index.rst": """Flask-Example
=============

Greetings in each app's language.

>>> from flask import Flask
>>> from flask_example import Example
>>> app = Flask(__name__)
>>> example = Example(app)
>>> with app.app_context():
...     example.greet("Ann")
'Hello, Ann!'

"""
    + TOCTREE,
    "docs/config.rst": """Configuration
=============

.. data:: EXAMPLE_LANGUAGE

    The language of the greetings. Default: ``"en"``.
""",
}

UNTYPED = {
    "src/flask_example/__init__.py": '''"""A ``shout`` filter for the apps' templates."""

from flask import current_app


class Example:
    """Adds the ``shout`` filter to each app it is registered on."""

    def __init__(self, app=None):
        if app is not None:
            self.init_app(app)

    def init_app(self, app):
        app.config.setdefault("EXAMPLE_SUFFIX", "!")
        app.add_template_filter(shout)
        app.extensions["example"] = self


def shout(text):
    """The text in capitals, with the app's suffix."""
    return text.upper() + current_app.config["EXAMPLE_SUFFIX"]
''',
    "tests/conftest.py": APP_FIXTURE,
    "tests/test_shout.py": """from flask import render_template_string


def test_shout(app):
    with app.app_context():
        assert render_template_string("{{ 'hi' | shout }}") == "HI!"
""",
    "docs/index.rst": """Flask-Example
=============

A ``shout`` filter for templates.

"""
    + TOCTREE,
    "docs/config.rst": """Configuration
=============

.. data:: EXAMPLE_SUFFIX

    What ends a shout. Default: ``"!"``.
""",
}

REQUIRED_CONFIG = {
    "src/flask_example/__init__.py": '''"""Signs requests to an API with each app's key."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from flask.sansio.app import App


@dataclass(frozen=True)
class _State:
    api_key: str


class Example:
    """Signs requests with the current app's ``EXAMPLE_API_KEY``, which it requires.

    :param app: The app to register on now, or ``None`` to call :meth:`init_app` later.
    """

    def __init__(self, app: App | None = None) -> None:
        if app is not None:
            self.init_app(app)

    def init_app(self, app: App) -> None:
        """Read the app's key.

        :raises RuntimeError: if the app's config has no ``EXAMPLE_API_KEY``.
        """
        if "EXAMPLE_API_KEY" not in app.config:
            raise RuntimeError("Flask-Example needs EXAMPLE_API_KEY in the config.")
        app.extensions["example"] = _State(api_key=app.config["EXAMPLE_API_KEY"])

    def sign(self, headers: dict[str, str]) -> dict[str, str]:
        """The headers with the current app's key."""
        state: _State = current_app.extensions["example"]
        return {**headers, "Authorization": f"Key {state.api_key}"}
''',
    "tests/conftest.py": """import pytest
from flask import Flask

from flask_example import Example


@pytest.fixture
def app():
    app = Flask(__name__)
    app.config["EXAMPLE_API_KEY"] = "secret"
    Example(app)
    return app
""",
    "tests/test_sign.py": """import json
from importlib.metadata import version

import pytest
import requests
from flask import Flask

from flask_example import Example


def test_signs_a_prepared_request(app):
    request = requests.Request("GET", "https://api.example.org/").prepare()
    with app.app_context():
        request.headers = Example().sign(dict(request.headers))
    assert request.headers["Authorization"] == "Key secret"


def test_refuses_an_app_without_a_key():
    with pytest.raises(RuntimeError, match="EXAMPLE_API_KEY"):
        Example(Flask(__name__))


def test_report_versions():
    names = ["flask", "requests", "pysocks", "pytest"]
    print("VERSIONS", json.dumps({name: version(name) for name in names}))
""",
    "README.md": """# Flask-Example

Signs requests to an API with each app's key.

```python
if user_has_membership(user):
    requests.get(url, headers=example.sign({}))
```

```pycon
>>> from flask import Flask
>>> from flask_example import Example
>>> app = Flask(__name__)
>>> app.config["EXAMPLE_API_KEY"] = "secret"
>>> example = Example(app)
>>> with app.app_context():
...     example.sign({})
{'Authorization': 'Key secret'}

```
""",
    "docs/index.rst": """Flask-Example
=============

Signs requests to an API with each app's key:

.. code-block:: python

    from myapp.models import user_has_membership

    if user_has_membership(user):
        requests.get(url, headers=example.sign({}))

"""
    + TOCTREE,
    "docs/config.rst": """Configuration
=============

.. data:: EXAMPLE_API_KEY

    The API's key. Required.
""",
}
# The skeleton's example and its tests, which a port replaces.
SKELETON = [
    "src/flask_example/_resource.py",
    "tests/test_resource.py",
    "tests/test_skeleton.py",
    "tests/test_example_app.py",
]
CLASSIFIER = '    "Typing :: Typed",\n'


def pour(project: Path, files: dict[str, str]) -> None:
    for path in SKELETON:
        (project / path).unlink()
    for path, text in files.items():
        (project / path).write_text(text, "utf-8")


def port_typed(project: Path) -> None:
    pour(project, TYPED)


def port_untyped(project: Path) -> None:
    pour(project, UNTYPED)
    (project / "src/flask_example/py.typed").unlink()
    edit(project / "pyproject.toml", {CLASSIFIER: ""})  # the switch, the one toolchain line


def port_required_config(project: Path) -> None:
    pour(project, REQUIRED_CONFIG)
    assert tomllib.loads((project / "pyproject.toml").read_text("utf-8"))["tool"]["ruff"]["fix"]
    (project / "README.rst").unlink()
    (project / "LICENSE.txt").rename(project / "LICENSE")
    edit(
        project / "pyproject.toml",
        {
            'readme = "README.rst"': 'readme = "README.md"',
            'license-files = ["LICENSE.txt"]': 'license-files = ["LICENSE"]',
            '"flask[async]>=3.0"]': '"flask[async]>=3.0", "requests[socks]>=2.31"]',
        },
    )
    edit(project / "docs/license.rst", {"../LICENSE.txt": "../LICENSE"})
    edit(
        project / "tests/test_guidelines.py",
        {"app.config.update(TESTING=True)": 'app.config.update(EXAMPLE_API_KEY="key")'},
    )


PORTS = {"typed": port_typed, "untyped": port_untyped, "required-config": port_required_config}


def make(project: Path, target: str, *args: str) -> str:
    # The docs read no inventory here; CI and Read the Docs read them all.
    env = {k: v for k, v in os.environ.items() if k not in {"CI", "READTHEDOCS"}}
    env["DOCS_OFFLINE"] = "1"
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as users have it
    return run("make", "-C", project, target, *args, env=env)


@pytest.mark.parametrize("name", PORTS)
def test_a_port_passes_every_gate(bake: Bake, tmp_path: Path, name: str) -> None:
    project = tmp_path / "flask_example"
    shutil.copytree(bake(**REAL_ANSWERS), project)
    PORTS[name](project)
    toolchain = run("git", "diff", "--numstat", "--", "pyproject.toml", cwd=project)
    changed = run("git", "status", "--porcelain", "--untracked-files=all", cwd=project)
    # Only the package, the tests, the docs pages and README, the metadata and dependency
    # lists; of the toolchain, (b)'s switch alone.
    for line in changed.splitlines():
        path = line[3:]
        assert path.startswith(("src/", "tests/", "docs/", "README", "LICENSE")) or path in {
            "pyproject.toml"
        }, line

    tested = make(project, "test", "PYTEST_ARGS=-v")
    assert " passed" in tested
    status = run("git", "status", "--porcelain", cwd=project)
    lint = make(project, "lint")
    assert run("git", "status", "--porcelain", cwd=project) == status  # lint wrote nothing
    out = make(project, "test-min", "TOX_ARGS=-- -s -v")
    assert "tests-min: OK" in out
    make(project, "docs")
    assert (project / "docs/_build/dirhtml/index.html").is_file()
    make(project, "dist")
    built = sorted(path.name for path in (project / "dist").glob("*.*[lz]"))
    assert built == ["flask_example-0.1.0-py3-none-any.whl", "flask_example-0.1.0.tar.gz"]

    if name == "untyped":
        assert toolchain.split()[:2] == ["0", "1"]  # one line removed: the classifier
        assert "Success: no issues found" in lint and "pyright" not in lint
    if name == "required-config":
        [line] = [line for line in out.splitlines() if "VERSIONS {" in line]
        seen = json.loads(line.split("VERSIONS ", 1)[1])
        assert seen["flask"] == "3.0.0" and seen["pytest"] == "8.0.0"
        assert seen["requests"] == "2.31.0" and "pysocks" in seen  # the extra's dependency
        # The README's session runs, on the newest pytest and on the tests group's floor.
        assert "README.md::README.md PASSED" in tested
        assert "README.md::README.md PASSED" in out
