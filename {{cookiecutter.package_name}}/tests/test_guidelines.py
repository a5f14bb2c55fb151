"""Flask's extension guidelines, which hold whatever the extension does: keep these.

They use the extension's public API only and name it once, in the import below: in a
port, change that line and keep the rest.
"""

from __future__ import annotations

import gc
import weakref

import pytest
from flask import Flask

from {{ cookiecutter.package_name }} import {{ cookiecutter.__class_name }} as Extension


def create_app() -> Flask:
    app = Flask(__name__)
    app.config.update(TESTING=True)
    return app


def footprint(app: Flask) -> tuple[object, ...]:
    """What an extension can add to an app: config, extension entries, routes,
    commands, and callbacks of every kind (each list of the app's ``*_funcs``)."""
    callbacks: dict[str, list[int]] = {}
    for name, funcs in vars(app).items():
        if name.endswith("_funcs"):
            lists = funcs.values() if isinstance(funcs, dict) else [funcs]
            callbacks[name] = [len(each) for each in lists]
    return (
        sorted(app.config),
        sorted(app.extensions),
        sorted(rule.rule for rule in app.url_map.iter_rules()),
        callbacks,
        sorted(app.cli.commands),
    )


def test_init_with_app() -> None:
    """Passing the app to the constructor sets the app up as init_app does."""
    direct, factory, untouched = create_app(), create_app(), create_app()
    Extension(direct)
    Extension().init_app(factory)
    assert footprint(direct) == footprint(factory) != footprint(untouched)


def test_init_app_in_a_factory() -> None:
    """Created without an app, one extension sets up each app a factory makes, each with
    state of its own (or a reference to the extension)."""
    ext = Extension()
    first, second = create_app(), create_app()
    ext.init_app(first)
    ext.init_app(second)
    assert footprint(first) == footprint(second) != footprint(create_app())
    for key in first.extensions.keys() & second.extensions.keys():
        shared = first.extensions[key] is second.extensions[key]
        assert not shared or first.extensions[key] is ext


@pytest.mark.parametrize("through", ["constructor", "init_app"])
def test_the_app_is_not_kept_by_the_extension(through: str) -> None:
    """Nothing of an app is stored on the extension, whether the app came through the
    constructor or init_app: the app goes when its last user does."""
    app = create_app()
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
