from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from {{ cookiecutter.package_name }} import {{ cookiecutter.__class_name }}

KEY = "{{ cookiecutter.__key }}"
STYLESHEET = f"/{KEY}/static/{KEY}.css"


@pytest.fixture
def app(ext: {{ cookiecutter.__class_name }}) -> Flask:
    app = Flask(__name__)
    app.config.update(TESTING=True, {{ cookiecutter.__config_prefix }}STATUS_PAGE=f"/{KEY}")
    ext.init_app(app)
    return app


def test_status_page(client: FlaskClient) -> None:
    """It names the settings the app sets."""
    response = client.get(f"/{KEY}/")
    assert response.status_code == 200
    assert "<li>{{ cookiecutter.__config_prefix }}STATUS_PAGE</li>" in response.text
    assert f'href="{STYLESHEET}"' in response.text


def test_status_page_is_off_until_the_app_sets_where() -> None:
    """A public route on every app would surprise: none without the setting."""
    app = Flask(__name__)
    {{ cookiecutter.__class_name }}(app)
    assert KEY not in app.blueprints
    assert app.test_client().get(f"/{KEY}/").status_code == 404


def test_status_page_shows_no_value(app: Flask) -> None:
    """A setting's value may be a secret: the page never shows one."""
    app.config["{{ cookiecutter.__config_prefix }}API_KEY"] = "s3cret"
    response = app.test_client().get(f"/{KEY}/")
    assert "<li>{{ cookiecutter.__config_prefix }}API_KEY</li>" in response.text
    assert "s3cret" not in response.text


def test_static_file(client: FlaskClient) -> None:
    response = client.get(STYLESHEET)
    assert response.status_code == 200
    assert response.mimetype == "text/css"
    response.close()


def test_status_page_is_served_where_the_app_says() -> None:
    app = Flask(__name__)
    app.config["{{ cookiecutter.__config_prefix }}STATUS_PAGE"] = "/status"
    {{ cookiecutter.__class_name }}(app)
    client = app.test_client()
    assert client.get("/status/").status_code == 200
    assert client.get(f"/{KEY}/").status_code == 404


def test_app_template_overrides_the_extension_template(tmp_path: Path) -> None:
    templates = tmp_path / KEY
    templates.mkdir()
    (templates / "index.html").write_text("{% raw %}{{ names | length }} settings{% endraw %}")
    app = Flask(__name__, template_folder=str(tmp_path))
    app.config["{{ cookiecutter.__config_prefix }}STATUS_PAGE"] = f"/{KEY}"
    {{ cookiecutter.__class_name }}(app)
    response = app.test_client().get(f"/{KEY}/")
    assert response.text.endswith(" settings")
