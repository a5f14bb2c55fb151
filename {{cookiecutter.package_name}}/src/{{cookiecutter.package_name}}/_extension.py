from __future__ import annotations

import sqlite3
import typing as t
from dataclasses import dataclass

from flask import current_app
from flask import Flask
from flask import g

# The per-context connection lives on g under a name no app or other extension will use.
_G_CONNECTION = "_{{ cookiecutter.__key }}_connection"


@dataclass(frozen=True)
class _State:
    """What :meth:`{{ cookiecutter.__class_name }}.init_app` read from one app's config."""

    extension: {{ cookiecutter.__class_name }}
    database: str
    timeout: float


class {{ cookiecutter.__class_name }}:
    """Gives each Flask app context its own SQLite connection, opened on first use.

    Pass the app to the constructor, or create the extension once and call
    :meth:`init_app` in an app factory. One instance serves any number of apps, each with
    its own config; the app is never stored on the extension.

    The SQLite connection is a worked example of a resource built from config: replace it
    with the client of the library this extension brings to Flask.
    """

    def __init__(self, app: Flask | None = None) -> None:
        if app is not None:
            self.init_app(app)

    def init_app(self, app: Flask) -> None:
        """Register the extension on ``app``: set config defaults, close connections at
        teardown.

        :raises RuntimeError: if the extension is already registered on ``app``.
        """
        if "{{ cookiecutter.__key }}" in app.extensions:
            raise RuntimeError(
                "{{ cookiecutter.extension_name }} is already registered on this app"
                " ('{{ cookiecutter.__key }}' is in app.extensions); call init_app once per app."
            )

        app.config.setdefault("{{ cookiecutter.__config_prefix }}DATABASE", ":memory:")
        app.config.setdefault("{{ cookiecutter.__config_prefix }}TIMEOUT", 5.0)
        app.extensions["{{ cookiecutter.__key }}"] = _State(
            extension=self,
            database=app.config["{{ cookiecutter.__config_prefix }}DATABASE"],
            timeout=float(app.config["{{ cookiecutter.__config_prefix }}TIMEOUT"]),
        )
        app.teardown_appcontext(_close_connection)

    @property
    def connection(self) -> sqlite3.Connection:
        """The current app context's connection, opened on first use and closed when the
        context ends.

        :raises RuntimeError: outside an app context, or if the current app was not
            initialised with this extension.
        """
        connection: sqlite3.Connection | None = g.get(_G_CONNECTION)
        if connection is None:
            state = _state(current_app)
            connection = sqlite3.connect(state.database, timeout=state.timeout)
            setattr(g, _G_CONNECTION, connection)
        return connection


def _state(app: Flask) -> _State:
    try:
        return t.cast(_State, app.extensions["{{ cookiecutter.__key }}"])
    except KeyError:
        raise RuntimeError(
            f"{{ cookiecutter.extension_name }} is not registered on app {app.name!r}; call"
            " {{ cookiecutter.__class_name }}(app) or init_app(app) first."
        ) from None


def _close_connection(exc: BaseException | None) -> None:
    connection: sqlite3.Connection | None = g.pop(_G_CONNECTION, None)
    if connection is not None:
        connection.close()
