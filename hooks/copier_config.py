"""Write copier.yml from cookiecutter.json: both engines ask the same questions.

cookiecutter.json states the questions, their help, defaults and choices, the derived names and
which files belong to which option. This turns them into copier's form and adds what copier
needs to read the project template as cookiecutter does. ``make copier.yml`` runs it; a test
checks that copier.yml is what it writes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

TEMPLATE = Path(__file__).resolve().parent.parent
# The first with _copier_operation, which keeps the first commit to `copier copy` (checked by
# hand: 9.7 leaves it out).
MIN_COPIER_VERSION = "9.8.0"
HEADER = """\
# Generated from cookiecutter.json by `make copier.yml` (hooks/copier_config.py): edit those.
# With copier, the template is used as `copier copy --trust`: hooks/extension.py and
# hooks/copier_context.py are loaded by file path (copier-template-extensions), and the task
# runs hooks/post_gen_project.py.
"""


# The answers that are the user's own: copier's field starts empty, with the example as a
# hint that goes as the user types (a default would be text in the field, to delete first).
# `--defaults` needs them given with --data; cookiecutter still offers the examples.
OWN = ("extension_name", "short_description", "author_name", "author_email", "github_owner")


# copier alone adopts an existing project: asked first, only where the destination holds a
# pyproject.toml; cookiecutter.json's private `_adopt` stands for it in the file table.
ADOPT = {
    "type": "bool",
    "default": False,
    "help": "Adopt the project here: write the toolchain around its own files",
    "when": "{{ adoptable() }}",
    "validator": "{{ adoption_validator() }}",
}
# The questions of a new project's skeleton, which an adoption keeps from the project.
SKELETON = ("shape", "version", "build_backend", "with_views", "with_cli", "init_git")


def question(name: str, value: object, prompt: str | dict[str, str]) -> dict[str, object]:
    # A choice's prompt may label its choices, as cookiecutter's __prompts__ allow.
    labels = prompt if isinstance(prompt, dict) else {}
    help_text = labels.get("__prompt__", prompt)
    if isinstance(value, bool):
        spec: dict[str, object] = {"type": "bool", "default": value}
    elif isinstance(value, list):
        choices = {labels[choice]: choice for choice in value} if labels else value
        spec = {"type": "str", "choices": choices, "default": value[0]}
    elif name in OWN:
        spec = {"type": "str", "placeholder": value}
    else:
        spec = {"type": "str", "default": value}
    if name in SKELETON:
        spec["when"] = "{{ not adopt }}"
    # The same checks, and messages, as cookiecutter's pre_gen_project hook.
    return {**spec, "help": help_text, "validator": f"{{{{ validator({name!r}) }}}}"}


def exclusion(pattern: str, wanted: dict[str, object]) -> str:
    """The pattern, left out unless every option has the wanted value."""
    chosen = " and ".join(
        f"{option.removeprefix('_')} == {json.dumps(value)}" for option, value in wanted.items()
    )
    return f"{{% if not ({chosen}) %}}{pattern}{{% endif %}}"


def config(cookiecutter: dict[str, object]) -> dict[str, object]:
    prompts: dict[str, str | dict[str, str]] = cookiecutter["__prompts__"]  # type: ignore[assignment]
    table: dict[str, dict[str, object]] = cookiecutter["_files_by_option"]  # type: ignore[assignment]
    # The post hook gets what it reads of the answers: the files are already left out, and
    # it commits the files the template wrote, whatever else the destination holds.
    return {
        "_min_copier_version": MIN_COPIER_VERSION,
        "_subdirectory": "{% raw %}{{cookiecutter.package_name}}{% endraw %}",
        "_templates_suffix": "",
        "_answers_file": ".copier-answers.yml",
        "_jinja_extensions": [
            "copier_template_extensions.TemplateExtensionLoader",
            "hooks/extension.py:TemplateExtension",
            "hooks/copier_context.py:CookiecutterNamespace",
        ],
        "_exclude": [
            "__pycache__",
            "*.py[co]",
            *(exclusion(pattern, wanted) for pattern, wanted in table.items()),
        ],
        "_tasks": [
            {
                "command": ["{{ _copier_python }}", "{{ _copier_conf.src_path }}/hooks/adopt.py"],
                "when": "{{ adopt and _copier_operation == 'copy' }}",
            },
            {
                "command": [
                    "{{ _copier_python }}",
                    "{{ _copier_conf.src_path }}/hooks/post_gen_project.py",
                    "{{ _copier_conf.answers_file }}",
                ],
                "when": "{{ _copier_operation == 'copy' }}",
            },
        ],
        # After every `copier update`, once copier has merged: the files left to resolve.
        "_migrations": [
            {
                "command": [
                    "{{ _copier_python }}",
                    "{{ _copier_conf.src_path }}/hooks/after_update.py",
                ],
            }
        ],
        "adopt": ADOPT,
        **{
            name: question(name, value, prompts[name])
            for name, value in cookiecutter.items()
            if not name.startswith("_")
        },
    }


def render(template: Path = TEMPLATE) -> str:
    """copier.yml for the cookiecutter.json of ``template``."""
    cookiecutter = json.loads((template / "cookiecutter.json").read_text(encoding="utf-8"))
    return HEADER + yaml.safe_dump(config(cookiecutter), sort_keys=False, width=100)


def main() -> None:
    sys.stdout.write(render())


if __name__ == "__main__":
    main()
