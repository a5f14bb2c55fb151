"""A small app using {{ cookiecutter.extension_name }} with the app factory pattern.

Run it with ``flask --app examples/app.py run``, then open http://127.0.0.1:5000/.
{%- if cookiecutter.shape == "context_resource" %}
Each visit is counted in ``example.db``.
{%- elif cookiecutter.shape == "app_client" %}
Each visit is counted by the app's client, in ``example.db``.
{%- elif cookiecutter.shape == "request_hooks" %}
Each response but ``/health``'s carries its request ID in the ``X-Request-ID`` header.
{%- endif %}
"""

from __future__ import annotations

from typing import Any

from flask import Flask

from {{ cookiecutter.package_name }} import {{ cookiecutter.__class_name }}

{{ cookiecutter.__key }} = {{ cookiecutter.__class_name }}()


def create_app(config: dict[str, Any] | None = None) -> Flask:
    app = Flask(__name__)
{%- if cookiecutter.shape == "context_resource" %}
    app.config["{{ cookiecutter.__config_prefix }}DATABASE"] = "example.db"
{%- elif cookiecutter.shape == "app_client" %}
    app.config["{{ cookiecutter.__config_prefix }}URL"] = "example.db"
{%- elif cookiecutter.shape == "request_hooks" %}
    app.config["{{ cookiecutter.__config_prefix }}HEADER"] = "X-Request-ID"
{%- endif %}
    app.config.from_prefixed_env()
    app.config.update(config or {})
    {{ cookiecutter.__key }}.init_app(app)
{%- if cookiecutter.shape == "context_resource" %}

    @app.route("/")
    def count_visit() -> dict[str, int]:
        connection = {{ cookiecutter.__key }}.connection
        connection.execute("CREATE TABLE IF NOT EXISTS visits (id INTEGER PRIMARY KEY)")
        connection.execute("INSERT INTO visits DEFAULT VALUES")
        connection.commit()
        (count,) = connection.execute("SELECT count(*) FROM visits").fetchone()
        return {"visits": count}
{%- elif cookiecutter.shape == "app_client" %}

    @app.route("/")
    def count_visit() -> dict[str, int]:
        # One step, as the requests of a threaded server may come at once.
        return {"visits": {{ cookiecutter.__key }}.client.incr("visits")}
{%- elif cookiecutter.shape == "request_hooks" %}

    @app.route("/")
    def index() -> dict[str, str]:
        return {"request_id": {{ cookiecutter.__key }}.request_id}

    @app.route("/health")
    @{{ cookiecutter.__key }}.exempt
    def health() -> dict[str, str]:
        return {"status": "ok"}
{%- endif %}

    return app
