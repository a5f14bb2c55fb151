"""The worked example: a SQLite connection per app context. Replace these with the tests
of your resource."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from flask import Flask
from flask import g
from flask.testing import FlaskClient
from flask.testing import FlaskCliRunner

from {{ cookiecutter.package_name }} import {{ cookiecutter.__class_name }}

G_NAME = "_{{ cookiecutter.__key }}_connection"


def create_app(**config: object) -> Flask:
    app = Flask(__name__)
    app.config.update(TESTING=True, **config)
    return app


def database_file(connection: sqlite3.Connection) -> str:
    """The file behind the connection's main database ("" for an in-memory one)."""
    return str(connection.execute("PRAGMA database_list").fetchone()[2])


def test_init_app_in_factory(tmp_path: Path) -> None:
    ext = {{ cookiecutter.__class_name }}()

    def factory() -> Flask:
        app = create_app({{ cookiecutter.__config_prefix }}DATABASE=str(tmp_path / "app.db"))
        ext.init_app(app)
        return app

    app = factory()
    with app.app_context():
        assert database_file(ext.connection) == str(tmp_path / "app.db")
    assert not hasattr(ext, "app")


def test_config_defaults(app: Flask) -> None:
    assert app.config["{{ cookiecutter.__config_prefix }}DATABASE"] == ":memory:"
    assert app.config["{{ cookiecutter.__config_prefix }}TIMEOUT"] == 5.0


def test_options_are_config_defaults() -> None:
    ext = {{ cookiecutter.__class_name }}(timeout=1.5)
    default = create_app()
    configured = create_app({{ cookiecutter.__config_prefix }}TIMEOUT=2.0)
    ext.init_app(default)
    ext.init_app(configured)
    assert default.config["{{ cookiecutter.__config_prefix }}TIMEOUT"] == 1.5
    assert configured.config["{{ cookiecutter.__config_prefix }}TIMEOUT"] == 2.0


def test_config_override(tmp_path: Path) -> None:
    path = str(tmp_path / "custom.db")
    app = create_app(
        {{ cookiecutter.__config_prefix }}DATABASE=path,
        {{ cookiecutter.__config_prefix }}TIMEOUT=1,
    )
    ext = {{ cookiecutter.__class_name }}(app)
    assert app.config["{{ cookiecutter.__config_prefix }}DATABASE"] == path
    assert app.config["{{ cookiecutter.__config_prefix }}TIMEOUT"] == 1
    with app.app_context():
        assert database_file(ext.connection) == path


def test_two_apps_side_by_side(tmp_path: Path) -> None:
    ext = {{ cookiecutter.__class_name }}()
    first = create_app(
        {{ cookiecutter.__config_prefix }}DATABASE=str(tmp_path / "first.db"),
    )
    second = create_app(
        {{ cookiecutter.__config_prefix }}DATABASE=str(tmp_path / "second.db"),
    )
    ext.init_app(first)
    ext.init_app(second)

    with first.app_context():
        first_connection = ext.connection
        with second.app_context():
            assert database_file(ext.connection) == str(tmp_path / "second.db")
        assert ext.connection is first_connection
        assert database_file(ext.connection) == str(tmp_path / "first.db")


def test_connection_is_created_lazily(
    app: Flask,
    ext: {{ cookiecutter.__class_name }},
) -> None:
    with app.app_context():
        assert G_NAME not in g
        connection = ext.connection
        assert g.get(G_NAME) is connection


def test_one_connection_per_context(
    app: Flask,
    ext: {{ cookiecutter.__class_name }},
) -> None:
    with app.app_context():
        first = ext.connection
        assert ext.connection is first
    with app.app_context():
        assert ext.connection is not first


def test_teardown_closes_connection(
    app: Flask,
    ext: {{ cookiecutter.__class_name }},
) -> None:
    with app.app_context():
        connection = ext.connection
        assert connection.execute("SELECT 1").fetchone() == (1,)
    with pytest.raises(sqlite3.ProgrammingError):
        connection.execute("SELECT 1")


def test_nested_contexts_each_close_their_own(
    app: Flask,
    ext: {{ cookiecutter.__class_name }},
) -> None:
    with app.app_context():
        outer = ext.connection
        with app.app_context():
            inner = ext.connection
            assert inner is not outer
        with pytest.raises(sqlite3.ProgrammingError):
            inner.execute("SELECT 1")
        assert outer.execute("SELECT 1").fetchone() == (1,)
    with pytest.raises(sqlite3.ProgrammingError):
        outer.execute("SELECT 1")


def test_teardown_closes_connection_when_view_raises(
    app: Flask,
    ext: {{ cookiecutter.__class_name }},
    client: FlaskClient,
) -> None:
    used: list[sqlite3.Connection] = []

    @app.route("/fail")
    def fail() -> str:
        used.append(ext.connection)
        raise ValueError("view failed")

    with pytest.raises(ValueError, match="view failed"):
        client.get("/fail")
    with pytest.raises(sqlite3.ProgrammingError):
        used[0].execute("SELECT 1")


def test_connection_in_a_request(
    app: Flask,
    ext: {{ cookiecutter.__class_name }},
    client: FlaskClient,
) -> None:
    @app.route("/")
    def index() -> str:
        return str(ext.connection.execute("SELECT 40 + 2").fetchone()[0])

    assert client.get("/").text == "42"


def test_connection_in_a_cli_command(
    app: Flask,
    ext: {{ cookiecutter.__class_name }},
    runner: FlaskCliRunner,
) -> None:
    @app.cli.command("answer")
    def answer() -> None:
        print(ext.connection.execute("SELECT 40 + 2").fetchone()[0])

    result = runner.invoke(args=["answer"])
    assert result.exit_code == 0
    assert result.output == "42\n"


def test_app_without_the_extension_is_an_error(
    ext: {{ cookiecutter.__class_name }},
) -> None:
    app = create_app()
    with app.app_context(), pytest.raises(RuntimeError, match="not registered"):
        _ = ext.connection


def test_outside_an_app_context_is_an_error(
    ext: {{ cookiecutter.__class_name }},
) -> None:
    with pytest.raises(RuntimeError, match="application context"):
        _ = ext.connection


def test_an_async_view_uses_the_connection(
    app: Flask,
    ext: {{ cookiecutter.__class_name }},
    client: FlaskClient,
) -> None:
    """Flask runs an async view in a thread of its own: the connection opened there is
    closed at teardown, in the request's thread."""
    used: list[sqlite3.Connection] = []

    @app.get("/async")
    async def answer() -> str:
        used.append(ext.connection)
        return str(ext.connection.execute("SELECT 40 + 2").fetchone()[0])

    assert client.get("/async").text == "42"
    assert client.get("/async").text == "42"
    assert used[0] is not used[1]
    for connection in used:
        with pytest.raises(sqlite3.ProgrammingError):
            connection.execute("SELECT 1")
