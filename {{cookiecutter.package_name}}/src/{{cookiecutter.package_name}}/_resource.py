from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from flask import current_app
from flask import g
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

# The per-context connection's name on g, where no app or other extension will use it.
# Config keys are written out in full, so that a search for one finds the code.
_G_CONNECTION = f"_{KEY}_connection"


@dataclass(frozen=True)
class _State:
    """What :meth:`{{ cookiecutter.__class_name }}.init_app` read from one app's config."""

    extension: {{ cookiecutter.__class_name }}
    database: str
    timeout: float


def _close_connection(exc: BaseException | None) -> None:
    """Close the current app context's connection, if it opened one."""
    if _G_CONNECTION in g:
        connection: sqlite3.Connection = g.pop(_G_CONNECTION)
        connection.close()


class {{ cookiecutter.__class_name }}:
    """Gives each Flask app context its own SQLite connection, opened on first use.

    Pass the app to the constructor, or create the extension once and call
    :meth:`init_app` in an app factory. One instance serves any number of apps, each
    with its own config; the app is never stored on the extension.

    The SQLite connection is a worked example of a resource built from config:
    replace it with the client of the library this extension brings to Flask.

    :param app: The app to register on now, or ``None`` to call :meth:`init_app` later.
    :param timeout: The default of ``{{ cookiecutter.__config_prefix }}TIMEOUT``, for apps
        that do not set it.
    """

    def __init__(self, app: App | None = None, *, timeout: float = 5.0) -> None:
        #: Seconds to wait for a locked database, where an app's config does not say.
        self.timeout = timeout
        if app is not None:
            self.init_app(app)

    def init_app(self, app: App) -> None:
        """Register the extension on ``app``: set config defaults, close connections
        at teardown.

        :raises RuntimeError: if the extension is already registered on ``app``.
        """
        if KEY in app.extensions:
            raise RuntimeError(
                "{{ cookiecutter.__class_name }} is already registered on this app"
                f" ({KEY!r} is in app.extensions); call init_app once per app."
            )
        app.config.setdefault("{{ cookiecutter.__config_prefix }}DATABASE", ":memory:")
        app.config.setdefault("{{ cookiecutter.__config_prefix }}TIMEOUT", self.timeout)
        app.extensions[KEY] = _State(
            extension=self,
            database=app.config["{{ cookiecutter.__config_prefix }}DATABASE"],
            timeout=float(app.config["{{ cookiecutter.__config_prefix }}TIMEOUT"]),
        )
        app.teardown_appcontext(_close_connection)
{%- if cookiecutter.with_views %}
        # The status page is a public route: served only where the app says where.
        app.config.setdefault("{{ cookiecutter.__config_prefix }}STATUS_PAGE", None)
        if app.config["{{ cookiecutter.__config_prefix }}STATUS_PAGE"]:
            app.register_blueprint(
                blueprint,
                url_prefix=app.config["{{ cookiecutter.__config_prefix }}STATUS_PAGE"],
            )
{%- endif %}
{%- if cookiecutter.with_cli %}
        app.cli.add_command(cli)
{%- endif %}

    @property
    def connection(self) -> sqlite3.Connection:
        """The current app context's connection, opened on first use and closed when
        the context ends.

        :raises RuntimeError: outside an app context, or if the current app was not
            initialized with this extension.
        """
        connection: sqlite3.Connection | None = g.get(_G_CONNECTION)
        if connection is None:
            state = self._state(current_app)
            # Flask runs an async view in a thread of its own and tears the context down
            # in the request's: the connection passes between them, one at a time.
            connection = sqlite3.connect(
                state.database, timeout=state.timeout, check_same_thread=False
            )
            setattr(g, _G_CONNECTION, connection)
        return connection

    def _state(self, app: App) -> _State:
        """This instance's state for ``app``, which :meth:`init_app` put in
        ``app.extensions``.

        :raises RuntimeError: if the extension is not registered on ``app``, or
            another instance of it is.
        """
        state = app.extensions.get(KEY)
        if not isinstance(state, _State):
            raise RuntimeError(
                f"{{ cookiecutter.__class_name }} is not registered on app {app.name!r};"
                " call {{ cookiecutter.__class_name }}(app) or init_app(app) first."
            )
        if state.extension is not self:
            raise RuntimeError(
                f"Another {{ cookiecutter.__class_name }} instance is registered on app"
                f" {app.name!r}; use that one, or one instance for every app."
            )
        return state
