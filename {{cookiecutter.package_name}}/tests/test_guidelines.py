"""Flask's extension guidelines, which hold whatever the extension does: keep these.

They use the extension's public API only. In a port, change the import below and, if the
extension needs settings to start, the ``new_app`` fixture; keep the rest.
"""

from __future__ import annotations

import gc
import inspect
import weakref
from collections.abc import Callable

import pytest
from flask import Flask

from {{ cookiecutter.package_name }} import {{ cookiecutter.__class_name }} as Extension


@pytest.fixture
def new_app() -> Callable[[], Flask]:
    """Makes a new app each call, with the config the extension requires to start."""

    def new_app() -> Flask:
        app = Flask(__name__)
        app.config.update(TESTING=True)
        return app

    return new_app


def shape(value: object) -> object:
    """A value as two apps set up alike hold it: containers by what they contain, plain
    values as they are, functions by name, anything else by its type."""
    if isinstance(value, dict):
        return {repr(key): shape(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [shape(item) for item in value]
    if isinstance(value, (set, frozenset)):
        return sorted(map(repr, map(shape, value)))
    if value is None or isinstance(value, (str, bytes, int, float)):
        return value
    if inspect.isroutine(value) or inspect.isclass(value):
        return value.__qualname__
    return type(value).__qualname__


def footprint(app: Flask) -> dict[str, object]:
    """Every way an extension hooks into an app: what the app holds itself (config,
    app.extensions, blueprints, error handlers, request and context hooks, the session
    interface, the JSON provider), its URL rules, commands and Jinja environment."""
    held = {name: shape(value) for name, value in vars(app).items()}
    held["session_interface"] = shape(app.session_interface)
    rules = app.url_map.iter_rules()
    held["url_map"] = sorted(
        (r.rule, r.endpoint, sorted(r.methods or ())) for r in rules
    )
    held["cli"] = sorted(app.cli.commands)
    jinja = app.jinja_env
    held["jinja_env"] = [
        shape(x) for x in (jinja, jinja.globals, jinja.filters, jinja.tests)
    ]
    return held


def test_init_with_app(new_app: Callable[[], Flask]) -> None:
    """Passing the app to the constructor sets the app up as init_app does."""
    direct, factory, untouched = new_app(), new_app(), new_app()
    Extension(direct)
    Extension().init_app(factory)
    assert footprint(direct) == footprint(factory) != footprint(untouched)


def test_init_app_in_a_factory(new_app: Callable[[], Flask]) -> None:
    """Created without an app, one extension sets up each app a factory makes, each with
    state of its own (or a reference to the extension)."""
    ext = Extension()
    first, second = new_app(), new_app()
    ext.init_app(first)
    ext.init_app(second)
    assert footprint(first) == footprint(second) != footprint(new_app())
    for key in first.extensions.keys() & second.extensions.keys():
        shared = first.extensions[key] is second.extensions[key]
        assert not shared or first.extensions[key] is ext


def attributes(ext: object) -> dict[tuple[int, str], object]:
    """Each attribute of the extension (0) and of its classes (1, 2, ...), by value."""
    owners = [getattr(ext, "__dict__", {}), *map(vars, type(ext).__mro__[:-1])]
    return {
        (place, name): value
        for place, names in enumerate(owners)
        for name, value in names.items()
    }


def test_init_app_keeps_state_on_each_app(new_app: Callable[[], Flask]) -> None:
    """One instance, several apps, each with its own config: init_app sets no attribute
    of the extension or its class, where the last app set up would win for every app."""
    # A subclass of this test's own, whose attributes no other test has set yet.
    ext = type(Extension.__name__, (Extension,), {})()
    before = attributes(ext)
    ext.init_app(new_app())
    ext.init_app(new_app())
    after, missing = attributes(ext), object()
    owners = ["self", *(cls.__name__ for cls in type(ext).__mro__)]
    changed = [
        f"{owners[place]}.{name}"
        for place, name in sorted(before.keys() | after.keys())
        if before.get((place, name), missing) is not after.get((place, name), missing)
    ]
    assert not changed, (
        f"init_app set {', '.join(changed)}: one instance serves several apps, so"
        " per-app state goes in app.extensions (Flask's extension guidelines)"
    )


@pytest.mark.parametrize("through", ["constructor", "init_app"])
def test_the_app_is_not_kept_by_the_extension(
    new_app: Callable[[], Flask], through: str
) -> None:
    """Nothing of an app is stored on the extension, whether the app came through the
    constructor or init_app: the app goes when its last user does."""
    app = new_app()
    if through == "constructor":
        ext = Extension(app)
    else:
        ext = Extension()
        ext.init_app(app)
    assert not [name for name, value in vars(ext).items() if value is app]
    gone = weakref.ref(app)
    del app
    gc.collect()
    assert gone() is None
    assert ext is not None
