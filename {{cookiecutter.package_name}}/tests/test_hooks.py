"""The worked example: a request ID in a response header. Replace these with the tests
of your hooks."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from {{ cookiecutter.package_name }} import {{ cookiecutter.__class_name }}



def create_app(ext: {{ cookiecutter.__class_name }}, **config: object) -> Flask:
    app = Flask(__name__)
    app.config.update(TESTING=True, **config)
    ext.init_app(app)

    @app.get("/")
    def index() -> str:
        return ext.request_id

    @app.get("/async")
    async def index_async() -> str:
        return ext.request_id

    @app.get("/exempt")
    @ext.exempt
    def exempt() -> str:
        return "no header"

    @app.get("/exempt-async")
    @ext.exempt
    async def exempt_async() -> str:
        return "no header"

    return app


def test_config_defaults(app: Flask) -> None:
    assert app.config["{{ cookiecutter.__config_prefix }}HEADER"] == "X-Request-ID"
    assert app.config["{{ cookiecutter.__config_prefix }}TRUST_INCOMING"] is False


def test_options_are_config_defaults() -> None:
    ext = {{ cookiecutter.__class_name }}(header="X-Trace")
    default = create_app(ext)
    configured = create_app(ext, {{ cookiecutter.__config_prefix }}HEADER="X-Other")
    assert default.config["{{ cookiecutter.__config_prefix }}HEADER"] == "X-Trace"
    assert configured.config["{{ cookiecutter.__config_prefix }}HEADER"] == "X-Other"


@pytest.mark.parametrize("path", ["/", "/async"])
def test_every_response_carries_its_request_id(path: str) -> None:
    client = create_app({{ cookiecutter.__class_name }}()).test_client()
    first, second = client.get(path), client.get(path)
    assert first.headers["X-Request-ID"] == first.text
    assert second.headers["X-Request-ID"] != first.headers["X-Request-ID"]


@pytest.mark.parametrize("path", ["/exempt", "/exempt-async"])
def test_exempt_views_go_without_the_header(path: str) -> None:
    response = create_app({{ cookiecutter.__class_name }}()).test_client().get(path)
    assert response.text == "no header"
    assert "X-Request-ID" not in response.headers


def test_two_apps_read_their_own_config() -> None:
    ext = {{ cookiecutter.__class_name }}()
    first_app = create_app(ext, {{ cookiecutter.__config_prefix }}HEADER="X-First")
    first = first_app.test_client()
    second_app = create_app(ext, {{ cookiecutter.__config_prefix }}HEADER="X-Second")
    second = second_app.test_client()
    assert "X-First" in first.get("/").headers
    assert "X-First" not in second.get("/").headers
    assert "X-Second" in second.get("/").headers


@pytest.mark.parametrize(("trust", "kept"), [(False, False), (True, True)])
def test_incoming_ids_are_kept_only_when_trusted(trust: bool, kept: bool) -> None:
    ext = {{ cookiecutter.__class_name }}()
    app = create_app(ext, {{ cookiecutter.__config_prefix }}TRUST_INCOMING=trust)
    response = app.test_client().get("/", headers={"X-Request-ID": "from-the-client"})
    assert (response.text == "from-the-client") is kept


def test_request_id_outside_a_request_is_an_error(
    app: Flask,
    ext: {{ cookiecutter.__class_name }},
) -> None:
    with app.app_context(), pytest.raises(RuntimeError, match="outside a request"):
        _ = ext.request_id


def test_the_header_is_also_on_error_responses(client: FlaskClient) -> None:
    response = client.get("/missing")
    assert response.status_code == 404
    assert "X-Request-ID" in response.headers
