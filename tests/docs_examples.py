"""The skeleton's illustrative Python blocks in the README and the docs work as written.

Not a bake's test (a port's snippets are illustrations, and its session examples run as
doctests): the template's tests run it in a bake, from the bake's directory, to hold the
skeleton's own documents to more.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from flask import Flask

ROOT = Path.cwd()
DOCUMENTS = [ROOT / "README.rst", *sorted((ROOT / "docs").glob("*.rst"))]


def python_blocks(path: Path) -> list[str]:
    """The ``.. code-block:: python`` blocks of an RST document, in order."""
    lines = path.read_text(encoding="utf-8").splitlines()
    blocks = []
    for number, line in enumerate(lines):
        if line.strip() == ".. code-block:: python":
            body = []
            for following in lines[number + 1 :]:
                if following.strip() and not following[0].isspace():
                    break
                body.append(following)
            blocks.append(textwrap.dedent("\n".join(body)))
    return blocks


@pytest.mark.parametrize(
    "document",
    [path for path in DOCUMENTS if python_blocks(path)],
    ids=lambda path: str(path.relative_to(ROOT)),
)
def test_examples_run(document: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A document's blocks run in order, as a reader follows them, in one namespace per
    example (a block importing Flask starts one). Then every view they define (and every
    view of the app each factory makes) answers without a server error."""
    monkeypatch.chdir(tmp_path)  # where the examples' files, such as app.db, go
    examples: list[dict[str, object]] = []
    for block in python_blocks(document):
        if not examples or "from flask import Flask" in block.splitlines():
            examples.append({"__name__": "docs_example"})
        exec(compile(block, str(document), "exec"), examples[-1])
    apps = []
    for namespace in examples:
        apps += [value for value in namespace.values() if isinstance(value, Flask)]
        factory = namespace.get("create_app")
        if callable(factory):
            made = factory()
            assert isinstance(made, Flask), "create_app() returns no app"
            apps.append(made)
    assert apps, "the examples make no app"
    for app in apps:
        client = app.test_client()
        for rule in app.url_map.iter_rules():
            if "GET" in (rule.methods or ()) and not rule.arguments:
                response = client.get(rule.rule)
                assert response.status_code < 500, f"{document.name}: GET {rule.rule}"
