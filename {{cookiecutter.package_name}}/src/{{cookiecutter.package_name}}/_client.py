from __future__ import annotations

import sqlite3
import threading
import typing as t
import weakref
from dataclasses import dataclass

from flask import current_app
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


class KeyValueClient:
    """The worked example of a client: replace it with the client of the library this
    extension brings to Flask (a Redis or HTTP client, say).

    Like those, one instance serves a whole app, from every request and thread: it
    keeps strings in a SQLite database through one connection, which a lock makes safe
    to share between the threads of a threaded server.
    """

    def __init__(self, url: str, *, timeout: float) -> None:
        #: Where the values are kept: a file, or ``":memory:"``.
        self.url = url
        self._lock = threading.Lock()
        # One connection for every thread: the lock takes turns.
        self._connection = sqlite3.connect(
            url, timeout=timeout, check_same_thread=False
        )
        with self._lock, self._connection:
            self._connection.execute(
                "CREATE TABLE IF NOT EXISTS item (key TEXT PRIMARY KEY, value TEXT)"
            )

    def get(self, key: str) -> str | None:
        """The value kept under ``key``, or ``None``."""
        with self._lock:
            query = "SELECT value FROM item WHERE key = ?"
            found = self._connection.execute(query, (key,)).fetchone()
        return None if found is None else str(found[0])

    def set(self, key: str, value: str) -> None:
        """Keep ``value`` under ``key``."""
        with self._lock, self._connection:
            self._connection.execute("REPLACE INTO item VALUES (?, ?)", (key, value))

    def incr(self, key: str) -> int:
        """Add one to the number kept under ``key`` (0 if none), in one step that no
        other thread can split; the new number."""
        add_one = "UPDATE item SET value = CAST(value AS INTEGER) + 1 WHERE key = ?"
        with self._lock, self._connection:
            self._connection.execute("INSERT OR IGNORE INTO item VALUES (?, 0)", (key,))
            self._connection.execute(add_one, (key,))
            query = "SELECT value FROM item WHERE key = ?"
            (value,) = self._connection.execute(query, (key,)).fetchone()
        return int(value)

    def close(self) -> None:
        """Release the connection; the client cannot be used after."""
        with self._lock:
            self._connection.close()


@dataclass(frozen=True)
class _State:
    """One app's client, built from the app's config by ``init_app``."""

    extension: {{ cookiecutter.__class_name }}
    client: KeyValueClient
    # Closes the client once: at close(), or when the app is garbage-collected.
    release: t.Callable[[], object]


class {{ cookiecutter.__class_name }}:
    """Gives each Flask app one client, built from its config when the app is
    initialized and shared by all its requests.

    Pass the app to the constructor, or create the extension once and call
    :meth:`init_app` in an app factory. One instance serves any number of apps, each
    with its own client; the app is never stored on the extension.

    :param app: The app to register on now, or ``None`` to call :meth:`init_app` later.
    :param timeout: The default of ``{{ cookiecutter.__config_prefix }}TIMEOUT``, for apps
        that do not set it.
    """

    def __init__(self, app: App | None = None, *, timeout: float = 5.0) -> None:
        #: Seconds to wait for a busy database, where an app's config does not say.
        self.timeout = timeout
        if app is not None:
            self.init_app(app)

    def init_app(self, app: App) -> None:
        """Register the extension on ``app``: set config defaults and build its client.

        :raises RuntimeError: if the extension is already registered on ``app``.
        """
        if KEY in app.extensions:
            raise RuntimeError(
                "{{ cookiecutter.__class_name }} is already registered on this app"
                f" ({KEY!r} is in app.extensions); call init_app once per app."
            )
        app.config.setdefault("{{ cookiecutter.__config_prefix }}URL", ":memory:")
        app.config.setdefault("{{ cookiecutter.__config_prefix }}TIMEOUT", self.timeout)
        client = KeyValueClient(
            app.config["{{ cookiecutter.__config_prefix }}URL"],
            timeout=float(app.config["{{ cookiecutter.__config_prefix }}TIMEOUT"]),
        )
        release = weakref.finalize(app, client.close)
        app.extensions[KEY] = _State(extension=self, client=client, release=release)
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
    def client(self) -> KeyValueClient:
        """The current app's client.

        :raises RuntimeError: outside an app context, or if the current app was not
            initialized with this extension.
        """
        return self._state(current_app).client

    def close(self, app: App) -> None:
        """Release ``app``'s client now, at shutdown or at the end of a test. Without
        this, it is released when ``app`` is garbage-collected.

        :raises RuntimeError: if the extension is not registered on ``app``.
        """
        self._state(app).release()

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
