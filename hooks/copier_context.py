"""Under copier, the ``cookiecutter`` namespace the project template is written in.

The project template reads ``{{ cookiecutter.package_name }}`` and the like. copier puts its
answers at the top level instead, so this hook builds the namespace as cookiecutter does, from
cookiecutter.json: the answers, each derived name rendered in order with the template's filters
(hooks/extension.py, loaded before this), and the private settings. copier loads it through
``_jinja_extensions`` in ``copier.yml``; cookiecutter never imports it.
"""

from __future__ import annotations

import json
from functools import cached_property
from typing import Any

from copier_template_extensions import ContextHook
from jinja2 import Environment


class CookiecutterNamespace(ContextHook):
    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        # copier makes a context for every file and path it renders; the namespace depends on
        # the answers only, so it is built once per set of answers.
        self.namespaces: dict[str, dict[str, Any]] = {}

    @cached_property
    def questions(self) -> list[str]:
        """cookiecutter.json's questions, as hooks/extension.py reads them."""
        return self.environment.globals["questions"]()  # type: ignore[no-any-return]

    def hook(self, context: dict[str, Any]) -> None:
        # The questions of cookiecutter.json, and copier's own `adopt`.
        answers = {key: context[key] for key in [*self.questions, "adopt"] if key in context}
        key = json.dumps(answers, sort_keys=True, default=str)
        if key not in self.namespaces:
            self.namespaces[key] = self.namespace(answers)
        # The one name that differs: copier's answers file, which cookiecutter does not write.
        namespace = {**self.namespaces[key]}
        namespace["__answers_file"] = context["_copier_conf"]["answers_file"]
        context["cookiecutter"] = namespace

    def namespace(self, answers: dict[str, Any]) -> dict[str, Any]:
        return self.environment.globals["namespace"](answers)  # type: ignore[no-any-return]
