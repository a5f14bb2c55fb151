from __future__ import annotations

import functools
import typing as t
import uuid
from dataclasses import dataclass

from flask import current_app
from flask import g
from flask import request
from flask.sansio.app import App
from werkzeug.wrappers import Response

from ._registry import KEY
from ._registry import register
from ._registry import state_of

# The per-request values' names on g, where no app or other extension will use them.
# Config keys are written out in full, so that a search for one finds the code.
_G_REQUEST_ID = f"_{KEY}_request_id"
_G_EXEMPT = f"_{KEY}_exempt"

View = t.TypeVar("View", bound=t.Callable[..., t.Any])


@dataclass(frozen=True)
class _State:
    """What :meth:`{{ cookiecutter.__class_name }}.init_app` read from one app's config."""

    extension: {{ cookiecutter.__class_name }}
    header: str
    trust_incoming: bool


def _start_request() -> None:
    """Give the request its ID: the client's, if the app trusts it, or a new one."""
    state = t.cast(_State, state_of(current_app))
    incoming = request.headers.get(state.header) if state.trust_incoming else None
    setattr(g, _G_REQUEST_ID, incoming or uuid.uuid4().hex)


def _finish_response(response: Response) -> Response:
    """Send the request's ID in the configured header, unless the view is exempt."""
    if not g.pop(_G_EXEMPT, False):
        header = t.cast(_State, state_of(current_app)).header
        response.headers[header] = g.get(_G_REQUEST_ID, "")
    return response


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
        if app is not None:
            self.init_app(app)

    def init_app(self, app: App) -> None:
        """Register the extension on ``app``: config defaults, the request hooks.

        :raises RuntimeError: if the extension is already registered on ``app``.
        """
        app.config.setdefault("{{ cookiecutter.__config_prefix }}HEADER", self.header)
        app.config.setdefault("{{ cookiecutter.__config_prefix }}TRUST_INCOMING", False)
        register(
            app,
            lambda: _State(
                extension=self,
                header=app.config["{{ cookiecutter.__config_prefix }}HEADER"],
                trust_incoming=app.config["{{ cookiecutter.__config_prefix }}TRUST_INCOMING"],
            ),
        )
        app.before_request(_start_request)
        app.after_request(_finish_response)

    @property
    def request_id(self) -> str:
        """The current request's ID.

        :raises RuntimeError: outside a request of an app this extension is on.
        """
        state_of(current_app, self)
        request_id: str | None = g.get(_G_REQUEST_ID)
        if request_id is None:
            raise RuntimeError("There is no request ID outside a request.")
        return request_id

    def exempt(self, view: View) -> View:
        """Decorate a view, sync or async, whose responses go without the header."""

        @functools.wraps(view)
        def exempt_view(*args: t.Any, **kwargs: t.Any) -> t.Any:
            setattr(g, _G_EXEMPT, True)
            return current_app.ensure_sync(view)(*args, **kwargs)

        return t.cast(View, exempt_view)
