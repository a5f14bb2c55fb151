from __future__ import annotations

import importlib.util
import threading
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


def test_example_app_gives_each_request_an_id_under_threads(
    example: ModuleType,
) -> None:
    """Requests at once, as a threaded server serves them: each gets an ID of its
    own."""
    app = example.create_app()
    seen: list[tuple[str, str]] = []

    def visit() -> None:
        client = app.test_client()
        for _ in range(10):
            response = client.get("/")
            seen.append((response.headers["X-Request-ID"], response.json["request_id"]))

    threads = [threading.Thread(target=visit) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(seen) == 80 and all(header == body for header, body in seen)
    assert len({header for header, _ in seen}) == 80
{%- endif %}
{%- if cookiecutter.shape in ("context_resource", "app_client") %}


@pytest.fixture
def database_setting(tmp_path: Path) -> dict[str, str]:
    """The example's database, in a file of its own."""
{%- if cookiecutter.shape == "context_resource" %}
    return {"{{ cookiecutter.__config_prefix }}DATABASE": str(tmp_path / "example.db")}
{%- elif cookiecutter.shape == "app_client" %}
    return {"{{ cookiecutter.__config_prefix }}URL": str(tmp_path / "example.db")}
{%- endif %}


def test_example_app_counts_visits(
    example: ModuleType, database_setting: dict[str, str]
) -> None:
    client = example.create_app(database_setting).test_client()
    assert client.get("/").json == {"visits": 1}
    assert client.get("/").json == {"visits": 2}
    assert Path(*database_setting.values()).is_file()


def test_example_app_counts_every_visit_under_threads(
    example: ModuleType, database_setting: dict[str, str]
) -> None:
    """Requests at once, as a threaded server serves them: no visit is lost."""
    app = example.create_app(database_setting)
    statuses: list[int] = []

    def visit() -> None:
        client = app.test_client()
        statuses.extend(client.get("/").status_code for _ in range(10))

    threads = [threading.Thread(target=visit) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * 80
    assert app.test_client().get("/").json == {"visits": 81}
{%- endif %}
