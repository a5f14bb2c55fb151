"""The worked example: one client per app. Replace these with the tests of your
client."""

from __future__ import annotations

import gc
import sqlite3
import threading
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from {{ cookiecutter.package_name }} import {{ cookiecutter.__class_name }}



def create_app(**config: object) -> Flask:
    app = Flask(__name__)
    app.config.update(TESTING=True, **config)
    return app


def test_config_defaults(app: Flask) -> None:
    assert app.config["{{ cookiecutter.__config_prefix }}URL"] == ":memory:"
    assert app.config["{{ cookiecutter.__config_prefix }}TIMEOUT"] == 5.0


def test_options_are_config_defaults() -> None:
    ext = {{ cookiecutter.__class_name }}(timeout=1.5)
    default = create_app()
    configured = create_app({{ cookiecutter.__config_prefix }}TIMEOUT=2.0)
    ext.init_app(default)
    ext.init_app(configured)
    assert default.config["{{ cookiecutter.__config_prefix }}TIMEOUT"] == 1.5
    assert configured.config["{{ cookiecutter.__config_prefix }}TIMEOUT"] == 2.0


def test_the_client_is_built_by_init_app(
    app: Flask,
    ext: {{ cookiecutter.__class_name }},
) -> None:
    with app.app_context():
        assert ext.client.url == ":memory:"


def test_one_client_serves_every_request(
    app: Flask,
    ext: {{ cookiecutter.__class_name }},
    client: FlaskClient,
) -> None:
    seen: list[object] = []

    @app.post("/<key>")
    def keep(key: str) -> str:
        seen.append(ext.client)
        ext.client.set(key, "kept")
        return "ok"

    @app.get("/<key>")
    def fetch(key: str) -> str:
        seen.append(ext.client)
        return ext.client.get(key) or "missing"

    client.post("/a")
    assert client.get("/a").text == "kept"
    assert client.get("/b").text == "missing"
    assert len({id(used) for used in seen}) == 1


def test_two_apps_have_their_own_clients(tmp_path: Path) -> None:
    ext = {{ cookiecutter.__class_name }}()
    first = create_app(
        {{ cookiecutter.__config_prefix }}URL=str(tmp_path / "first.db"),
    )
    second = create_app(
        {{ cookiecutter.__config_prefix }}URL=str(tmp_path / "second.db"),
    )
    ext.init_app(first)
    ext.init_app(second)
    with first.app_context():
        ext.client.set("app", "first")
        with second.app_context():
            assert ext.client.url == str(tmp_path / "second.db")
            assert ext.client.get("app") is None
        assert ext.client.get("app") == "first"


def test_threads_share_the_client(
    app: Flask,
    ext: {{ cookiecutter.__class_name }},
) -> None:
    def work(number: int) -> None:
        with app.app_context():
            for step in range(20):
                ext.client.set(f"{number}-{step}", str(step))

    threads = [threading.Thread(target=work, args=(number,)) for number in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with app.app_context():
        assert ext.client.get("3-19") == "19"


def test_close_releases_the_client(
    app: Flask,
    ext: {{ cookiecutter.__class_name }},
) -> None:
    with app.app_context():
        client = ext.client
    ext.close(app)
    with pytest.raises(sqlite3.ProgrammingError):
        client.get("a")
    ext.close(app)  # once is enough; again does nothing


def test_the_client_goes_with_its_app() -> None:
    app = create_app()
    ext = {{ cookiecutter.__class_name }}(app)
    with app.app_context():
        client = ext.client
    del app
    gc.collect()
    with pytest.raises(sqlite3.ProgrammingError):
        client.get("a")


def test_outside_an_app_context_is_an_error(
    ext: {{ cookiecutter.__class_name }},
) -> None:
    with pytest.raises(RuntimeError, match="application context"):
        _ = ext.client


def test_an_async_view_uses_the_client(
    app: Flask,
    ext: {{ cookiecutter.__class_name }},
    client: FlaskClient,
) -> None:
    """Flask runs an async view in a thread of its own: the app's one client serves
    it."""

    @app.get("/async")
    async def count() -> str:
        return str(ext.client.incr("visits"))

    assert client.get("/async").text == "1"
    assert client.get("/async").text == "2"


def test_incr_loses_nothing_under_threads(
    app: Flask,
    ext: {{ cookiecutter.__class_name }},
) -> None:
    def work() -> None:
        with app.app_context():
            for _ in range(25):
                ext.client.incr("visits")

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with app.app_context():
        assert ext.client.get("visits") == "200"
