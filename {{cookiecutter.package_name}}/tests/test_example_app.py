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


def test_example_app_counts_visits(example: ModuleType, tmp_path: Path) -> None:
    database = tmp_path / "example.db"
    app = example.create_app({"{{ cookiecutter.__config_prefix }}DATABASE": str(database)})
    client = app.test_client()
    assert client.get("/").json == {"visits": 1}
    assert client.get("/").json == {"visits": 2}
    assert database.is_file()
