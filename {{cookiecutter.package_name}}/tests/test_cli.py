from __future__ import annotations

from flask import Flask
from flask.testing import FlaskCliRunner

from {{ cookiecutter.package_name }} import {{ cookiecutter.__class_name }}

SETTINGS = ["{{ cookiecutter.__key }}", "settings"]


def test_settings_command(runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=SETTINGS)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines
    assert all(line.startswith("{{ cookiecutter.__config_prefix }}") for line in lines)


def test_settings_command_names_the_app_config_without_values() -> None:
    """A setting's value may be a secret: the command never prints one."""
    app = Flask(__name__)
    app.config["{{ cookiecutter.__config_prefix }}API_KEY"] = "s3cret"
    {{ cookiecutter.__class_name }}(app)
    result = app.test_cli_runner().invoke(args=SETTINGS)
    assert result.exit_code == 0, result.output
    assert "{{ cookiecutter.__config_prefix }}API_KEY\n" in result.output
    assert "s3cret" not in result.output


def test_group_is_listed_in_help(runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["--help"])
    assert "{{ cookiecutter.__key }}" in result.output
