from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

EXAMPLE = Path(__file__).parent.parent / "examples" / "app.py"


@pytest.fixture
def example() -> ModuleType:
    spec = importlib.util.spec_from_file_location("example_app", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
{%- if cookiecutter.shape == "request_hooks" %}


def test_example_app_sends_request_ids(example: ModuleType) -> None:
    client = example.create_app().test_client()
    response = client.get("/")
    assert response.headers["X-Request-ID"] == response.json["request_id"]
    assert "X-Request-ID" not in client.get("/health").headers
{%- else %}


def test_example_app_counts_visits(example: ModuleType, tmp_path: Path) -> None:
    database = tmp_path / "example.db"
    key = "{{ cookiecutter.__config_prefix }}{{ 'DATABASE' if cookiecutter.shape == 'context_resource' else 'URL' }}"
    app = example.create_app({key: str(database)})
    client = app.test_client()
    assert client.get("/").json == {"visits": 1}
    assert client.get("/").json == {"visits": 2}
    assert database.is_file()
{%- endif %}
