"""Flask's extension guidelines, which hold whatever the extension does: keep these."""

from __future__ import annotations

import inspect

import pytest
from flask import Flask

from {{ cookiecutter.package_name }} import {{ cookiecutter.__class_name }}
from {{ cookiecutter.package_name }}.{{ cookiecutter.__module }} import state_of

KEY = "{{ cookiecutter.__key }}"
PREFIX = "{{ cookiecutter.__config_prefix }}"


def create_app(**config: object) -> Flask:
    app = Flask(__name__)
    app.config.update(TESTING=True, **config)
    return app


def test_init_with_app() -> None:
    app = create_app()
    ext = {{ cookiecutter.__class_name }}(app)
    assert app.extensions[KEY].extension is ext


def test_init_app_in_a_factory_never_stores_the_app() -> None:
    ext = {{ cookiecutter.__class_name }}()

    def factory() -> Flask:
        app = create_app()
        ext.init_app(app)
        return app

    first, second = factory(), factory()
    assert state_of(first).extension is state_of(second).extension is ext
    assert state_of(first) is not state_of(second)
    assert first not in vars(ext).values() and not hasattr(ext, "app")


def test_config_keys_are_prefixed() -> None:
    app = create_app()
    before = set(app.config)
    {{ cookiecutter.__class_name }}(app)
    added = set(app.config) - before
    assert added
    assert all(key.startswith(PREFIX) for key in added)


def test_options_are_keyword_only() -> None:
    parameters = list(inspect.signature({{ cookiecutter.__class_name }}).parameters.values())
    assert parameters[0].name == "app" and parameters[0].default is None
    assert parameters[1:]
    assert all(option.kind is option.KEYWORD_ONLY for option in parameters[1:])


def test_double_init_is_an_error(
    app: Flask,
    ext: {{ cookiecutter.__class_name }},
) -> None:
    with pytest.raises(RuntimeError, match="already registered"):
        ext.init_app(app)
    with pytest.raises(RuntimeError, match="already registered"):
        {{ cookiecutter.__class_name }}(app)


def test_an_app_without_the_extension_is_an_error() -> None:
    with pytest.raises(RuntimeError, match="not registered"):
        state_of(create_app())
