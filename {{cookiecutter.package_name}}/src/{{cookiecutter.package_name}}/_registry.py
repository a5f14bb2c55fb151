"""What the extension does on every app, whatever it brings: register once, and find its
state again."""

from __future__ import annotations

import typing as t

from flask.sansio.app import App{% if cookiecutter.with_cli or cookiecutter.with_views %}
{% endif %}
{% if cookiecutter.with_cli -%}
from ._cli import cli
{% endif -%}
{% if cookiecutter.with_views -%}
from ._views import blueprint
{% endif %}
#: The app.extensions key.
KEY = "{{ cookiecutter.__key }}"


def register(app: App, make_state: t.Callable[[], object]) -> None:
    """Register the extension on ``app``, with the state ``make_state`` builds for it
    (only once the app is known to be new, so a refused app leaves nothing open).

    :raises RuntimeError: if the extension is already registered on ``app``.
    """
    if KEY in app.extensions:
        raise RuntimeError(
            "{{ cookiecutter.__class_name }} is already registered on this app"
            f" ({KEY!r} is in app.extensions); call init_app once per app."
        )
{%- if cookiecutter.with_views %}
    app.config.setdefault("{{ cookiecutter.__config_prefix }}URL_PREFIX", f"/{KEY}")
{%- endif %}
    app.extensions[KEY] = make_state()
{%- if cookiecutter.with_views %}
    app.register_blueprint(
        blueprint,
        url_prefix=app.config["{{ cookiecutter.__config_prefix }}URL_PREFIX"],
    )
{%- endif %}
{%- if cookiecutter.with_cli %}
    app.cli.add_command(cli)
{%- endif %}


def state_of(app: App, extension: object | None = None) -> object:
    """The extension's state for ``app``; with ``extension``, that instance's.

    :raises RuntimeError: if the extension is not registered on ``app``, or another
        instance of it is.
    """
    state = app.extensions.get(KEY)
    if state is None:
        raise RuntimeError(
            f"{{ cookiecutter.__class_name }} is not registered on app {app.name!r}; call"
            " {{ cookiecutter.__class_name }}(app) or init_app(app) first."
        )
    if extension is not None and getattr(state, "extension", None) is not extension:
        raise RuntimeError(
            f"Another {{ cookiecutter.__class_name }} instance is registered on app"
            f" {app.name!r}; use that one, or one instance for every app."
        )
    return state
