"""The skeleton's own conventions, beyond Flask's guide (test_guidelines.py): a
port replaces these with its own."""

from __future__ import annotations

import inspect

import pytest
from flask import Flask

from {{ cookiecutter.package_name }} import {{ cookiecutter.__class_name }} as Extension


def create_app() -> Flask:
    app = Flask(__name__)
    app.config.update(TESTING=True)
    return app


def test_the_extension_has_an_entry_in_app_extensions() -> None:
    """Its state for each app lives in app.extensions, under the extension's key."""
    app = create_app()
    Extension(app)
    assert list(app.extensions) == ["{{ cookiecutter.__key }}"]


def test_config_keys_are_prefixed() -> None:
    """The config keys the extension adds start with its key, upper-cased."""
    app = create_app()
    before = set(app.config)
    Extension(app)
    added = set(app.config) - before
    assert added
    assert all(key.startswith("{{ cookiecutter.__config_prefix }}") for key in added)


def test_options_are_keyword_only() -> None:
    """The constructor takes the app first, optional, and its options by keyword
    only."""
    parameters = list(inspect.signature(Extension).parameters.values())
    assert parameters[0].name == "app" and parameters[0].default is None
    assert parameters[1:]
    assert all(option.kind is option.KEYWORD_ONLY for option in parameters[1:])


def test_a_second_init_on_the_same_app_is_refused() -> None:
    """init_app once per app: again, by the same or another instance, is an error."""
    app = create_app()
    ext = Extension(app)
    with pytest.raises(RuntimeError, match="already registered"):
        ext.init_app(app)
    with pytest.raises(RuntimeError, match="already registered"):
        Extension(app)


def public_properties() -> list[str]:
    """The extension's public properties: what reads the current app's state."""
    return [
        name
        for name, member in inspect.getmembers(Extension)
        if isinstance(member, property) and not name.startswith("_")
    ]


def test_an_app_never_initialized_is_a_clear_error() -> None:
    """Using the extension with an app it was not registered on (or by another instance)
    raises RuntimeError, not AttributeError or KeyError."""
    assert public_properties(), (
        "this test reads the extension's state through its public properties, and"
        " it has none: check its methods here instead, or delete this test"
    )
    registered = create_app()
    Extension(registered)
    for app in (create_app(), registered):
        other = Extension()
        for name in public_properties():
            with app.app_context(), pytest.raises(RuntimeError):
                getattr(other, name)
