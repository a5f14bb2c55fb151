"""The extension's shapes: each baked package behaves as its shape promises (probed from
outside, not by its own tests), and its docs, README and tests speak of that shape only."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Bake
from conftest import BIN
from conftest import BY_SHAPE
from conftest import DEFAULTS
from conftest import edit
from conftest import run
from conftest import run_baked_tests
from conftest import TEMPLATE

pytestmark = BY_SHAPE

SHAPES = DEFAULTS["shape"]

PROBES = {
    "context_resource": """
import sqlite3, sys
from flask import Flask
from flask_example import Example

ext = Example()
first, second = Flask("first"), Flask("second")
first.config["EXAMPLE_DATABASE"] = sys.argv[1] + "/first.db"
second.config["EXAMPLE_DATABASE"] = sys.argv[1] + "/second.db"
ext.init_app(first)
ext.init_app(second)
used = []

@first.get("/")
def index():
    used.append(ext.connection)
    assert ext.connection is used[-1]
    return "ok"

@first.get("/fail")
def fail():
    used.append(ext.connection)
    raise ValueError

client = first.test_client()
client.get("/")
client.get("/")
first.config["PROPAGATE_EXCEPTIONS"] = False
assert client.get("/fail").status_code == 500
assert len({id(connection) for connection in used}) == 3  # one per context
for connection in used:  # each closed with its context, also after an error
    try:
        connection.execute("SELECT 1")
    except sqlite3.ProgrammingError:
        pass
    else:
        raise AssertionError("left open")
with first.app_context(), second.app_context():
    name = ext.connection.execute("PRAGMA database_list").fetchone()[2]
    assert name.endswith("second.db")
print("probe ok")
""",
    "app_client": """
import sys
from flask import Flask
from flask_example import Example

ext = Example()
first, second = Flask("first"), Flask("second")
first.config["EXAMPLE_URL"] = sys.argv[1] + "/first.db"
second.config["EXAMPLE_URL"] = sys.argv[1] + "/second.db"
ext.init_app(first)
ext.init_app(second)
clients = set()

@first.get("/<value>")
def keep(value):
    clients.add(id(ext.client))
    ext.client.set("last", value)
    return ext.client.get("last")

client = first.test_client()
assert [client.get(f"/{n}").text for n in range(100)] == [str(n) for n in range(100)]
assert len(clients) == 1  # one client per app, not per request
with first.app_context():
    a = ext.client
with second.app_context():
    b = ext.client
    assert b.get("last") is None
assert a is not b and a.url.endswith("first.db") and b.url.endswith("second.db")
ext.close(first)
ext.close(second)
print("probe ok")
""",
    "request_hooks": """
from flask import Flask
from flask_example import Example

ext = Example()
app = Flask("probe")
ext.init_app(app)

@app.get("/sync")
def sync_view():
    return "sync"

@app.get("/async")
async def async_view():
    return "async"

@app.get("/sync-exempt")
@ext.exempt
def sync_exempt():
    return "sync"

@app.get("/async-exempt")
@ext.exempt
async def async_exempt():
    return "async"

client = app.test_client()
for path in ("/sync", "/async", "/missing"):
    assert "X-Request-ID" in client.get(path).headers, path
for path in ("/sync-exempt", "/async-exempt"):
    response = client.get(path)
    assert response.status_code == 200 and "X-Request-ID" not in response.headers, path
print("probe ok")
""",
}

# Words that belong to one shape's worked example only.
MARKERS = {
    "context_resource": ("teardown_appcontext", ".connection"),
    "app_client": ("KeyValueClient", "weakref.finalize"),
    "request_hooks": ("request_id", "exempt"),
}


@pytest.mark.parametrize("shape", SHAPES)
def test_the_baked_package_behaves_as_its_shape(bake: Bake, shape: str, tmp_path: Path) -> None:
    project = bake(shape=shape)
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", PROBES[shape], str(tmp_path)],
        env={**os.environ, "PYTHONPATH": str(project / "src"), "PYTHONDONTWRITEBYTECODE": "1"},
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip() == "probe ok", result.stderr


SECRET_PROBE = """
import sys
from flask import Flask
from flask_example import Example

app = Flask("probe")
app.config["EXAMPLE_API_KEY"] = "s3cret"
app.config["EXAMPLE_STATUS_PAGE"] = "/example"
app.config["EXAMPLE_DATABASE"] = app.config["EXAMPLE_URL"] = sys.argv[1] + "/probe.db"
Example(app)
client = app.test_client()
shown = []
for rule in app.url_map.iter_rules():
    if rule.endpoint.startswith("example.") and "GET" in rule.methods:
        path = rule.build({name: "example.css" for name in rule.arguments})[1]
        response = client.get(path)
        shown.append(response.get_data(as_text=True))
        response.close()
group = app.cli.commands["example"]
runner = app.test_cli_runner()
for name in group.list_commands(None):
    shown.append(runner.invoke(args=["example", name]).output)
shown.append(runner.invoke(args=["example", "--help"]).output)
assert "EXAMPLE_API_KEY" in "".join(shown)
print("s3cret shown" if "s3cret" in "".join(shown) else "no secret shown")
"""


@pytest.mark.parametrize("shape", SHAPES)
def test_no_setting_value_is_served_or_printed(bake: Bake, shape: str, tmp_path: Path) -> None:
    """The status page and every command of the group, with a secret in the app's config."""
    project = bake(shape=shape, with_views=True, with_cli=True)
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", SECRET_PROBE, str(tmp_path)],
        env={**os.environ, "PYTHONPATH": str(project / "src"), "PYTHONDONTWRITEBYTECODE": "1"},
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip() == "no secret shown", result.stderr


# An async view that uses each shape's resource, for the concurrency probe below.
ASYNC_VIEWS = {
    "context_resource": """
app.config["EXAMPLE_DATABASE"] = sys.argv[1] + "/app.db"
ext.init_app(app)

@app.get("/")
async def view():
    return str(ext.connection.execute("SELECT 40 + 2").fetchone()[0])

def expected(response):
    return response.text == "42"

def finally_():
    pass
""",
    "app_client": """
app.config["EXAMPLE_URL"] = sys.argv[1] + "/app.db"
ext.init_app(app)

@app.get("/")
async def view():
    return str(ext.client.incr("visits"))

def expected(response):
    return response.text.isdigit()

def finally_():
    with app.app_context():
        assert ext.client.get("visits") == str(THREADS * REQUESTS)
    ext.close(app)
""",
    "request_hooks": """
ext.init_app(app)

@app.get("/")
async def view():
    return ext.request_id

def expected(response):
    return response.headers["X-Request-ID"] == response.text

def finally_():
    pass
""",
}
CONCURRENCY_PROBE = """
import os, sys, threading
from flask import Flask
from flask_example import Example

THREADS, REQUESTS = 8, 25
ext = Example()
app = Flask("probe")
{views}
def open_files():
    return len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else 0

before = open_files()
results = []

def visit():
    client = app.test_client()
    results.extend(expected(client.get("/")) for _ in range(REQUESTS))

threads = [threading.Thread(target=visit) for _ in range(THREADS)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join(timeout=60)
assert results == [True] * (THREADS * REQUESTS), results.count(False)
finally_()
import gc; gc.collect()
assert open_files() <= before, (before, open_files())  # no connection left open
print("probe ok")
"""


@pytest.mark.parametrize("shape", SHAPES)
def test_async_views_under_concurrent_requests(bake: Bake, shape: str, tmp_path: Path) -> None:
    """An async view using the shape's resource, 8 threads of 25 requests: every response is
    right, nothing is left open (no ResourceWarning, no file descriptor), no count is lost."""
    project = bake(shape=shape)
    probe = CONCURRENCY_PROBE.format(views=ASYNC_VIEWS[shape])
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", probe, str(tmp_path)],
        env={**os.environ, "PYTHONPATH": str(project / "src"), "PYTHONDONTWRITEBYTECODE": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip() == "probe ok", result.stderr


def test_every_table_of_shapes_covers_every_shape() -> None:
    """Adding a shape to cookiecutter.json is caught here until each table has its entry."""
    from test_generated import API_MEMBERS
    from test_structure import REGISTERS

    tables = (
        PROBES,
        ASYNC_VIEWS,
        MARKERS,
        API_MEMBERS,
        REGISTERS,
        DEFAULTS["__prompts__"]["shape"],
    )
    for table in tables:
        assert set(table) - {"__prompt__"} == set(SHAPES)


@pytest.mark.parametrize("shape", SHAPES)
def test_a_bake_speaks_of_its_own_shape_only(bake: Bake, shape: str) -> None:
    project = bake(shape=shape, with_views=True, with_cli=True)
    texts = {
        path.relative_to(project).as_posix(): path.read_text("utf-8")
        for path in project.rglob("*")
        if path.is_file() and ".git" not in path.parts and path.suffix in {".py", ".rst", ".html"}
    }
    for other, words in MARKERS.items():
        for word in words:
            found = [name for name, text in texts.items() if word in text]
            assert bool(found) == (other == shape), (other, word, found)


def test_the_prompt_explains_every_shape() -> None:
    labels = DEFAULTS["__prompts__"]["shape"]
    for shape in SHAPES:
        assert labels[shape].startswith(f"{shape}: ")


@pytest.mark.without_uv  # pyright is given this Python, which no uv finds for it
@pytest.mark.parametrize("shape", SHAPES)
def test_every_shape_passes_pyright(bake: Bake, shape: str) -> None:
    """What `make typing` checks with pyright (basic mode over src), held here to the
    skeleton's tests and example too, and every public name has a known type."""
    project = bake(shape=shape, with_views=True, with_cli=True)
    # This environment's Python, whichever python3 is on PATH.
    pyright = (BIN / "pyright", "--pythonpath", sys.executable)
    env = {**os.environ, "PYTHONPATH": str(project / "src")}
    checked = [path for path in ("src", "tests", "examples") if (project / path).is_dir()]
    assert "0 errors" in run(*pyright, *checked, cwd=project, env=env)
    report = run(*pyright, "--verifytypes", project.name, "--ignoreexternal", cwd=project, env=env)
    assert "Type completeness score: 100%" in report


# Extensions a port could bring, written here. Three follow Flask's guide and none of the
# skeleton's conventions: a positional option, a second init_app taken as a no-op, no public
# property, a reference to the extension (or nothing) in app.extensions, a config key of its
# own spelling, a session interface and a setting it refuses to start without (as
# Flask-Session's), per-app state in a mapping keyed by the app. The others do not: one keeps
# the app through its constructor only (as flask-debugtoolbar's does), one through both paths,
# one keeps a setting on the instance and one on the class, where the last app wins.
FOLLOWS_THE_GUIDE = {
    "in app.extensions": """
class Thing:
    def __init__(self, app=None, name="thing"):
        self.name = name
        if app is not None:
            self.init_app(app)

    def init_app(self, app):
        app.config.setdefault("THING_TB_ENABLED", True)
        app.extensions[self.name] = self
        app.teardown_appcontext(lambda exc: None)
""",
    "nothing registered": """
class Thing:
    def __init__(self, app=None, header="X-Thing"):
        self.header = header
        if app is not None:
            self.init_app(app)

    def init_app(self, app):
        app.after_request(self.add_header)

    def add_header(self, response):
        response.headers[self.header] = "1"
        return response
""",
    "a session interface": """
import weakref

from flask.sessions import SecureCookieSessionInterface


class ThingSessions(SecureCookieSessionInterface):
    salt = "thing"


class Thing:
    def __init__(self, app=None):
        self.backends = weakref.WeakKeyDictionary()
        if app is not None:
            self.init_app(app)

    def init_app(self, app):
        if "THING_BACKEND" not in app.config:
            raise RuntimeError("set THING_BACKEND")
        self.backends[app] = app.config["THING_BACKEND"]
        app.session_interface = ThingSessions()
""",
}
INIT_APP = """
    def init_app(self, app):
        app.extensions["thing"] = self
"""
BREAKS_THE_GUIDE = {
    "keeps the app through the constructor": f"""
class Thing:
    def __init__(self, app=None):
        self.app = app
        if app is not None:
            self.init_app(app)
{INIT_APP}""",
    "keeps the app through both": f"""
class Thing:
    def __init__(self, app=None):
        self.app = app
        if app is not None:
            self.init_app(app)
{INIT_APP}        self.app = app
""",
    "a setting on the instance": f"""
class Thing:
    def __init__(self, app=None):
        if app is not None:
            self.init_app(app)
{INIT_APP}        self.timeout = app.config.get("THING_TIMEOUT", 5)
""",
    "a setting on the class": f"""
class Thing:
    def __init__(self, app=None):
        if app is not None:
            self.init_app(app)
{INIT_APP}        type(self).timeout = app.config.get("THING_TIMEOUT", 5)
""",
}


def test_the_guideline_tests_check_any_extension(bake: Bake, tmp_path: Path) -> None:
    """tests/test_guidelines.py names the extension in one line and makes apps in one
    fixture: with those two changed, as a port changes them, it passes for any extension that
    follows Flask's guide, however it differs from the skeleton, and fails, naming the
    guideline, for one that keeps the app or keeps a setting where the last app wins."""
    project = tmp_path / "project"
    shutil.copytree(bake(), project, ignore=shutil.ignore_patterns(".git"))
    guidelines = project / "tests/test_guidelines.py"
    naming = "from flask_example import Example as Extension\n"
    config = "app.config.update(TESTING=True)"
    text = guidelines.read_text("utf-8")
    assert [line for line in text.splitlines() if "xample" in line] == [naming.strip()]
    assert text.count(config) == 1
    text = text.replace(naming, "from thing import Thing as Extension\n")
    guidelines.write_text(text.replace(config, 'app.config.update(THING_BACKEND="memory")'))

    for name, code in FOLLOWS_THE_GUIDE.items():
        (project / "tests/thing.py").write_text(code, "utf-8")
        result = run_baked_tests(project, "tests/test_guidelines.py")
        assert result.returncode == 0, (name, result.stdout)

    kept = "test_the_app_is_not_kept_by_the_extension"
    expected = {
        "keeps the app through the constructor": [f"{kept}[constructor]"],
        "keeps the app through both": [
            "test_init_app_keeps_state_on_each_app",
            f"{kept}[constructor]",
            f"{kept}[init_app]",
        ],
        "a setting on the instance": ["test_init_app_keeps_state_on_each_app"],
        "a setting on the class": ["test_init_app_keeps_state_on_each_app"],
    }
    for name, code in BREAKS_THE_GUIDE.items():
        (project / "tests/thing.py").write_text(code, "utf-8")
        result = run_baked_tests(project, "tests/test_guidelines.py")
        failed = sorted(re.findall(r"^FAILED \S+::(\S+)", result.stdout, re.MULTILINE))
        assert failed == expected[name], (name, result.stdout)
        if name.startswith("a setting"):
            attribute = "self.timeout" if "instance" in name else "Thing.timeout"
            assert f"init_app set {attribute}: one instance serves several apps" in result.stdout


@pytest.mark.parametrize("shape", SHAPES)
def test_each_shape_suite_holds_its_conventions(bake: Bake, shape: str, tmp_path: Path) -> None:
    """The skeleton's conventions are the shape's own tests' to keep: with its second
    init_app accepted, a shape's suite fails."""
    project = tmp_path / "project"
    shutil.copytree(bake(shape=shape), project, ignore=shutil.ignore_patterns(".git"))
    [module] = {p for p in (project / "src/flask_example").glob("_*.py")} - {
        project / "src/flask_example/__init__.py"
    }
    edit(module, {"        if KEY in app.extensions:\n": "        if False:\n"})
    result = run_baked_tests(project, "-q")
    failed = re.findall(r"^FAILED \S+::(\S+)", result.stdout, re.MULTILINE)
    assert "test_a_second_init_on_the_same_app_is_refused" in failed, result.stdout


def test_every_shape_branch_names_its_shape() -> None:
    """No {% else %} in the project template: a branch says which option it is for, so a shape
    without a branch of its own gets no other shape's text."""
    project = TEMPLATE / "{{cookiecutter.package_name}}"
    for path in project.rglob("*"):
        if path.is_file():
            text = path.read_text("utf-8")
            assert not re.search(r"\{%-?\s*else\s*-?%\}", text), path
            for shape in re.findall(r"cookiecutter\.shape == \"(\w+)\"", text):
                assert shape in SHAPES, (path, shape)


def test_every_chain_of_shape_branches_has_every_shape() -> None:
    """An if/elif chain that gives two shapes text of their own gives each shape that can
    reach it text of its own, so a new shape in cookiecutter.json fails here with each place that
    still needs its branch."""
    tag = re.compile(r"\{%-?\s*(if|elif|endif)\b(.*?)-?%\}", re.DOTALL)
    one = re.compile(r"^\s*cookiecutter\.shape == \"(\w+)\"\s*$")
    some = re.compile(r"^\s*cookiecutter\.shape in \(([^)]*)\)\s*$")

    def shapes_of(test: str) -> set[str] | None:
        if match := one.match(test):
            return {match[1]}
        if match := some.match(test):
            return set(re.findall(r"\"(\w+)\"", match[1]))
        return None

    missing, chains = [], 0
    for path in sorted((TEMPLATE / "{{cookiecutter.package_name}}").rglob("*")):
        if not path.is_file():
            continue
        text = path.read_text("utf-8")
        # Per open if: its line, the shapes that reach it, those its branches name, and
        # those the branch being read is for (None: not a branch on the shape).
        stack: list[tuple[int, set[str], set[str], set[str] | None]] = []
        for match in tag.finditer(text):
            keyword, test = match.groups()
            if keyword == "endif":
                line, reaching, named, _ = stack.pop()
                if len(named) > 1:
                    chains += 1
                    if named != reaching:
                        name = path.relative_to(TEMPLATE).as_posix()
                        missing.append(f"{name}:{line}: {sorted(reaching - named)}")
                continue
            branch = shapes_of(test)
            if keyword == "if":
                reaching = next((b for *_, b in reversed(stack) if b is not None), set(SHAPES))
                line = text.count("\n", 0, match.start()) + 1
                stack.append((line, reaching, set(), None))
            # A branch for one shape names it; `shape in (...)` is text shared on purpose.
            line, reaching, named, _ = stack[-1]
            own = branch if branch is not None and one.match(test) else set()
            stack[-1] = (line, reaching, named | own, branch)
        assert stack == [], path
    assert missing == [], "\n".join(missing)
    assert chains >= 10  # the README's, the docs', the example's
