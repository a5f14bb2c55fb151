from __future__ import annotations

from importlib.metadata import version

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask.testing import FlaskCliRunner

from {{ cookiecutter.package_name }} import {{ cookiecutter.__class_name }}


def pytest_report_header() -> str:
    return f"Flask {version('flask')}, Werkzeug {version('werkzeug')}"


@pytest.fixture
def ext() -> {{ cookiecutter.__class_name }}:
    return {{ cookiecutter.__class_name }}()


@pytest.fixture
def app(ext: {{ cookiecutter.__class_name }}) -> Flask:
    app = Flask(__name__)
    app.config.update(TESTING=True)
    ext.init_app(app)
    return app


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()
