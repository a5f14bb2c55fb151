"""A small app using {{ cookiecutter.extension_name }} with the app factory pattern.

Run it with ``flask --app examples/app.py run`` and open http://127.0.0.1:5000/: each visit is
counted in ``example.db``.
"""

from __future__ import annotations

from typing import Any

from flask import Flask

from {{ cookiecutter.package_name }} import {{ cookiecutter.__class_name }}

{{ cookiecutter.__key }} = {{ cookiecutter.__class_name }}()


def create_app(config: dict[str, Any] | None = None) -> Flask:
    app = Flask(__name__)
    app.config["{{ cookiecutter.__config_prefix }}DATABASE"] = "example.db"
    app.config.from_prefixed_env()
    app.config.update(config or {})
    {{ cookiecutter.__key }}.init_app(app)

    @app.route("/")
    def count_visit() -> dict[str, int]:
        connection = {{ cookiecutter.__key }}.connection
        connection.execute("CREATE TABLE IF NOT EXISTS visits (id INTEGER PRIMARY KEY)")
        connection.execute("INSERT INTO visits DEFAULT VALUES")
        connection.commit()
        (count,) = connection.execute("SELECT count(*) FROM visits").fetchone()
        return {"visits": count}

    return app
