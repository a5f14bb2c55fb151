from __future__ import annotations

from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient

from {{ cookiecutter.package_name }} import {{ cookiecutter.__class_name }}

KEY = "{{ cookiecutter.__key }}"
STYLESHEET = f"/{KEY}/static/{KEY}.css"


def test_status_page(client: FlaskClient) -> None:
    """It names the settings the app sets."""
    response = client.get("/{{ cookiecutter.__key }}/")
    assert response.status_code == 200
    assert "<li>{{ cookiecutter.__config_prefix }}URL_PREFIX</li>" in response.text
    assert f'href="{STYLESHEET}"' in response.text


def test_status_page_shows_no_value() -> None:
    """A setting's value may be a secret: the page never shows one."""
    app = Flask(__name__)
    app.config["{{ cookiecutter.__config_prefix }}API_KEY"] = "s3cret"
    {{ cookiecutter.__class_name }}(app)
    response = app.test_client().get("/{{ cookiecutter.__key }}/")
    assert "<li>{{ cookiecutter.__config_prefix }}API_KEY</li>" in response.text
    assert "s3cret" not in response.text


def test_static_file(client: FlaskClient) -> None:
    response = client.get(STYLESHEET)
    assert response.status_code == 200
    assert response.mimetype == "text/css"
    response.close()


def test_url_prefix_is_configurable() -> None:
    app = Flask(__name__)
    app.config["{{ cookiecutter.__config_prefix }}URL_PREFIX"] = "/status"
    {{ cookiecutter.__class_name }}(app)
    client = app.test_client()
    assert client.get("/status/").status_code == 200
    assert client.get("/{{ cookiecutter.__key }}/").status_code == 404


def test_app_template_overrides_the_extension_template(tmp_path: Path) -> None:
    templates = tmp_path / "{{ cookiecutter.__key }}"
    templates.mkdir()
    (templates / "index.html").write_text("{% raw %}{{ names | length }} settings{% endraw %}")
    app = Flask(__name__, template_folder=str(tmp_path))
    {{ cookiecutter.__class_name }}(app)
    response = app.test_client().get("/{{ cookiecutter.__key }}/")
    assert response.text.endswith(" settings")
