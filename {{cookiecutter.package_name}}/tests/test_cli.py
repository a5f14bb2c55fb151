from __future__ import annotations

import sqlite3
from pathlib import Path

from flask import Flask
from flask.testing import FlaskCliRunner

from {{ cookiecutter.package_name }} import {{ cookiecutter.__class_name }}


def test_check_command(runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["{{ cookiecutter.__key }}", "check"])
    assert result.exit_code == 0, result.output
    expected = f"Connected to :memory: (SQLite {sqlite3.sqlite_version}).\n"
    assert result.output == expected


def test_check_command_uses_the_app_config(tmp_path: Path) -> None:
    app = Flask(__name__)
    app.config["{{ cookiecutter.__config_prefix }}DATABASE"] = str(tmp_path / "cli.db")
    {{ cookiecutter.__class_name }}(app)
    result = app.test_cli_runner().invoke(args=["{{ cookiecutter.__key }}", "check"])
    assert result.exit_code == 0, result.output
    assert str(tmp_path / "cli.db") in result.output


def test_group_is_listed_in_help(runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["--help"])
    assert "{{ cookiecutter.__key }}" in result.output
