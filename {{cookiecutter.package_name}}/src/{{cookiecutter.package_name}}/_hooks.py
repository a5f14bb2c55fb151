from __future__ import annotations

import typing as t
import uuid
from dataclasses import dataclass

from flask import current_app
from flask import g
from flask import request
from flask.sansio.app import App
from werkzeug.wrappers import Response{% if cookiecutter.with_cli or cookiecutter.with_views %}
{% endif %}
{% if cookiecutter.with_cli -%}
from ._cli import cli
{% endif -%}
{% if cookiecutter.with_views -%}
from ._views import blueprint
{% endif %}
#: The app.extensions key.
KEY = "{{ cookiecutter.__key }}"

# The request ID's name on g, where no app or other extension will use it.
# Config keys are written out in full, so that a search for one finds the code.
_G_REQUEST_ID = f"_{KEY}_request_id"

View = t.TypeVar("View", bound=t.Callable[..., t.Any])


@dataclass(frozen=True)
class _State:
    """What :meth:`{{ cookiecutter.__class_name }}.init_app` read from one app's config."""

    extension: {{ cookiecutter.__class_name }}
    header: str
    trust_incoming: bool


class {{ cookiecutter.__class_name }}:
    """Gives every request an ID and sends it back in a response header, for tracing a
    request through logs and services.

    Pass the app to the constructor, or create the extension once and call
    :meth:`init_app` in an app factory. One instance serves any number of apps, each
    with its own config; the app is never stored on the extension.

    The request ID is a worked example of what request hooks do: replace it with the
    headers or checks this extension brings to Flask.

    :param app: The app to register on now, or ``None`` to call :meth:`init_app` later.
    :param header: The default of ``{{ cookiecutter.__config_prefix }}HEADER``, for apps
        that do not set it.
    """

    def __init__(self, app: App | None = None, *, header: str = "X-Request-ID") -> None:
        #: The response header, where an app's config does not say.
        self.header = header
        # The views decorated with exempt, on any app.
        self._exempt: set[t.Callable[..., t.Any]] = set()
        if app is not None:
            self.init_app(app)

    def init_app(self, app: App) -> None:
        """Register the extension on ``app``: config defaults, the request hooks.

        :raises RuntimeError: if the extension is already registered on ``app``.
        """
        if KEY in app.extensions:
            raise RuntimeError(
                "{{ cookiecutter.__class_name }} is already registered on this app"
                f" ({KEY!r} is in app.extensions); call init_app once per app."
            )
        app.config.setdefault("{{ cookiecutter.__config_prefix }}HEADER", self.header)
        app.config.setdefault("{{ cookiecutter.__config_prefix }}TRUST_INCOMING", False)
        app.extensions[KEY] = _State(
            extension=self,
            header=app.config["{{ cookiecutter.__config_prefix }}HEADER"],
            trust_incoming=app.config["{{ cookiecutter.__config_prefix }}TRUST_INCOMING"],
        )
        app.before_request(self._start_request)
        app.after_request(self._finish_response)
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
    def request_id(self) -> str:
        """The current request's ID.

        :raises RuntimeError: outside a request of an app this extension is on.
        """
        self._state(current_app)
        request_id: str | None = g.get(_G_REQUEST_ID)
        if request_id is None:
            raise RuntimeError("There is no request ID outside a request.")
        return request_id

    def exempt(self, view: View) -> View:
        """Decorate a view, sync or async, whose responses go without the header. The
        view is returned as it is, and registered as any other."""
        self._exempt.add(view)
        return view

    def _start_request(self) -> None:
        """Give the request its ID: the client's, if the app trusts it, or a new one."""
        state = self._state(current_app)
        incoming = request.headers.get(state.header) if state.trust_incoming else None
        setattr(g, _G_REQUEST_ID, incoming or uuid.uuid4().hex)

    def _finish_response(self, response: Response) -> Response:
        """Send the request's ID in the configured header, unless the view is exempt."""
        view = current_app.view_functions.get(request.endpoint or "")
        if view not in self._exempt:
            response.headers[self._state(current_app).header] = g.get(_G_REQUEST_ID, "")
        return response

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
