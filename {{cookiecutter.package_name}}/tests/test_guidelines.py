"""Flask's extension guidelines, which hold whatever the extension does: keep these.

They use the extension's public API only and name it once, in the import below: in a
port, change that line and keep the rest.
"""

from __future__ import annotations

import gc
import inspect
import weakref

import pytest
from flask import Flask

from {{ cookiecutter.package_name }} import {{ cookiecutter.__class_name }} as Extension


def create_app() -> Flask:
    app = Flask(__name__)
    app.config.update(TESTING=True)
    return app


def public_properties() -> list[str]:
    """The extension's public properties: what reads the current app's state."""
    return [
        name
        for name, member in inspect.getmembers(Extension)
        if isinstance(member, property) and not name.startswith("_")
    ]


def test_init_with_app() -> None:
    """Passing the app to the constructor registers the extension on it."""
    app = create_app()
    Extension(app)
    assert app.extensions


def test_init_app_in_a_factory() -> None:
    """Created without an app, the extension registers on each app a factory makes, each
    with state of its own (or a reference to the extension)."""
    ext = Extension()
    first, second = create_app(), create_app()
    ext.init_app(first)
    ext.init_app(second)
    assert first.extensions.keys() == second.extensions.keys() != set()
    for key in first.extensions:
        shared = first.extensions[key] is second.extensions[key]
        assert not shared or first.extensions[key] is ext


def test_the_app_is_not_kept_by_the_extension() -> None:
    """Nothing of an app is stored on the extension: the app goes when its last user
    does."""
    ext = Extension()
    app = create_app()
    ext.init_app(app)
    gone = weakref.ref(app)
    del app
    gc.collect()
    assert gone() is None
    assert ext is not None


def test_config_keys_are_prefixed() -> None:
    """The config keys the extension adds start with its name (its app.extensions
    key)."""
    app = create_app()
    before = set(app.config)
    Extension(app)
    prefixes = tuple(f"{key.upper()}_" for key in app.extensions)
    assert all(key.startswith(prefixes) for key in set(app.config) - before)


def test_options_are_keyword_only() -> None:
    """The constructor takes the app first, optional, and its options by keyword
    only."""
    parameters = list(inspect.signature(Extension).parameters.values())
    assert parameters[0].name == "app" and parameters[0].default is None
    assert all(option.kind is option.KEYWORD_ONLY for option in parameters[1:])


def test_a_second_init_on_the_same_app_is_refused() -> None:
    """init_app once per app: again, by the same or another instance, is an error."""
    app = create_app()
    ext = Extension(app)
    with pytest.raises(RuntimeError):
        ext.init_app(app)
    with pytest.raises(RuntimeError):
        Extension(app)


def test_an_app_never_initialized_is_a_clear_error() -> None:
    """Using the extension with an app it was not registered on (or by another instance)
    raises RuntimeError, not AttributeError or KeyError."""
    registered = create_app()
    Extension(registered)
    for app in (create_app(), registered):
        other = Extension()
        for name in public_properties():
            with app.app_context(), pytest.raises(RuntimeError):
                getattr(other, name)
