"""Answer sets drawn at random, through both engines: they agree on every one.

An accepted set gives the same tree under cookiecutter and copier, and every TOML, YAML,
Python, JSON and RST file in it parses; the first accepted set with no placeholder left also
passes the bake's own ``make test`` and ``make dist``. A refused set is refused
by both, each problem on a line naming its field, and neither writes anything.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import tempfile
import tomllib
from collections import Counter
from pathlib import Path

import docutils.core
import docutils.utils
import pytest
import yaml
from cookiecutter.main import cookiecutter
from copier import run_copy
from hypothesis import example
from hypothesis import given
from hypothesis import HealthCheck
from hypothesis import settings
from hypothesis import strategies as st
from test_engines import ANSWERS_FILE
from test_engines import template_copy  # noqa: F401 (a fixture)
from test_engines import tree

from conftest import copier_data
from conftest import DEFAULTS
from conftest import lock_from_cache
from conftest import REAL_ANSWERS
from conftest import TEMPLATE

WORD = st.from_regex(r"[A-Z][a-z]{1,7}(-[A-Z][a-z]{1,5})?", fullmatch=True)
NAMES = st.one_of(
    st.builds("Flask-{}".format, WORD),
    st.builds("{}-Flask".format, WORD),
    st.builds(lambda word: f"flask-{word.lower()}", WORD),
    # Names that clash with what the generated code uses, or are not names at all.
    st.sampled_from(["Flask-None", "Flask-App", "Flask-Config", "Flask-List", "Flask-Run"]),
    st.text(max_size=12),
)
FREE_TEXT = st.one_of(
    st.sampled_from(["Jane Doe", 'Zoë O\'Brien "Z" $HOME `x` \\ *a* 1. -- ::', "日本語 🐍"]),
    # Any text on one line, then any text at all.
    st.text(st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=24)
    .map(str.strip)
    .filter(bool),
    st.text(max_size=24),
)
QUESTIONS = {
    "extension_name": NAMES,
    "package_name": st.one_of(
        st.from_regex(r"flask_[a-z]{2,8}", fullmatch=True), st.sampled_from(["flask_x y", "x"])
    ),
    "short_description": FREE_TEXT,
    "author_name": FREE_TEXT,
    "author_email": st.one_of(
        st.from_regex(r"[a-z]{1,5}(\.[a-z]{1,5})?@[a-z]{2,6}\.(org|com)", fullmatch=True),
        st.sampled_from(["a..b@example.com", "nobody", "a@-x.org"]),
    ),
    "github_owner": st.one_of(
        st.from_regex(r"[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,5})?", fullmatch=True),
        st.sampled_from(["-x", "a b"]),
    ),
    "version": st.one_of(
        st.from_regex(r"[0-9]{1,2}(\.[0-9]{1,2}){0,2}((a|b|rc)[0-9])?", fullmatch=True),
        st.sampled_from(["2!1.0.post1.dev3", "v1.0", "1.0+local.7", "one"]),
    ),
    **{
        name: st.sampled_from([*value, "other"])
        for name, value in DEFAULTS.items()
        if isinstance(value, list) and not name.startswith("_")
    },
    **{
        name: st.sampled_from([True, False, "yes", "no", "maybe", 0])
        for name, value in DEFAULTS.items()
        if isinstance(value, bool)
    },
}
ANSWER_SETS = st.fixed_dictionaries({}, optional=QUESTIONS)
# What a bake may hold besides text files of these kinds: the project's own data files.
PARSERS = {
    ".toml": tomllib.loads,
    ".yaml": lambda text: list(yaml.safe_load_all(text)),
    ".yml": lambda text: list(yaml.safe_load_all(text)),
    ".py": ast.parse,
    ".json": json.loads,
}
# Sphinx's own roles and directives, which plain docutils does not know.
SPHINX_ONLY = re.compile(r'Unknown (interpreted text role|directive type) "')


def rst_problems(path: Path) -> list[str]:
    document = docutils.core.publish_doctree(
        path.read_text("utf-8"),
        source_path=str(path),  # where includes are read from
        settings_overrides={"report_level": 5, "halt_level": 5},
    )
    return [
        message.astext()
        for message in document.findall(docutils.nodes.system_message)
        if message["level"] >= docutils.utils.Reporter.WARNING_LEVEL
        and not SPHINX_ONLY.search(message.astext())
    ]


def fields_named(text: str) -> list[str]:
    """The fields the problem lines of an engine's output name, in order; for an error of
    cookiecutter's own, the questions it names."""
    pattern = r"^(?:ERROR: (\w+): |Validation error for question '(\w+)': |(\w+): )"
    found = ["".join(groups) for groups in re.findall(pattern, text, re.M)]
    fields = [field for field in found if field in QUESTIONS]
    return fields or [field for field in QUESTIONS if re.search(rf"\b{field}\b", text)]


def cookiecutter_bake(answers: dict[str, object], out: Path) -> tuple[Path | None, str]:
    try:
        with lock_from_cache(answers):
            return Path(
                cookiecutter(
                    str(TEMPLATE), no_input=True, extra_context=answers, output_dir=str(out)
                )
            ), ""
    except Exception as error:  # the hook's refusal, or cookiecutter's own
        return None, f"{type(error).__name__}: {error}"


def copier_bake(template: Path, answers: dict[str, object], out: Path) -> tuple[Path | None, str]:
    try:
        with lock_from_cache(answers):
            data = copier_data(answers)
            run_copy(str(template), out, data=data, defaults=True, unsafe=True, quiet=True)
    except Exception as error:
        return None, str(error)
    return out, ""


def run_make_gates(project: Path) -> None:
    # make lint's tools run on every combination and shape in test_generated and test_shapes,
    # and make lint itself on the ported extension: here the project tests green and builds.
    for target in ("test", "dist"):
        result = subprocess.run(["make", target], cwd=project, capture_output=True, text=True)
        assert result.returncode == 0, f"make {target}:\n{result.stdout}\n{result.stderr}"


@pytest.mark.slow
def test_both_engines_agree_on_every_answer_set(
    template_copy: Path,  # noqa: F811
    capfd: pytest.CaptureFixture[str],
) -> None:
    sampled: list[dict[str, object]] = []
    outcomes: Counter[str] = Counter()

    @settings(
        max_examples=25,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(ANSWER_SETS)
    # Tried first: a set a user would type, so that one bake surely runs the make targets.
    @example(
        {
            **REAL_ANSWERS,
            "extension_name": "flask-drawn",
            "shape": "app_client",
            "with_views": "yes",
            "build_backend": "flit_core",
            "ci": "gitlab",
        }
    )
    def check(answers: dict[str, object]) -> None:
        with tempfile.TemporaryDirectory() as scratch:
            capfd.readouterr()
            ours, refusal = cookiecutter_bake(answers, Path(scratch) / "cookiecutter")
            ours_output = capfd.readouterr().err + refusal
            theirs, their_refusal = copier_bake(template_copy, answers, Path(scratch) / "copier")
            capfd.readouterr()
            assert (ours is None) == (theirs is None), (ours_output, their_refusal)
            outcomes["refused" if ours is None else "accepted"] += 1
            if ours is None:
                check_refused(answers, ours_output, their_refusal, Path(scratch))
                return
            assert theirs is not None
            assert tree(theirs) == tree(ours) | {ANSWERS_FILE}
            for name in tree(ours):
                assert (ours / name).read_bytes() == (theirs / name).read_bytes(), name
                check_parses(ours / name)
            placeholders = [k for k in REAL_ANSWERS if answers.get(k, DEFAULTS[k]) == DEFAULTS[k]]
            if not sampled and not placeholders:
                sampled.append(answers)
                run_make_gates(ours)

    check()
    assert sampled
    # Both kinds were drawn, often: the strategies are not all refused, nor all accepted.
    assert min(outcomes["accepted"], outcomes["refused"]) >= 5, outcomes


def check_refused(answers: dict[str, object], ours: str, theirs: str, scratch: Path) -> None:
    ours_fields, their_fields = fields_named(ours), fields_named(theirs)
    assert ours_fields and their_fields, (answers, ours, theirs)
    if "ERROR: " in ours and theirs.startswith("Validation error"):
        # The template's checks, under both engines: the same lines.
        assert ours_fields == their_fields, (answers, ours, theirs)
    else:
        # An engine refused an answer itself (a choice not offered, a yes/no it cannot read),
        # at the first it met, each in its own order: one of the answers given.
        assert set(ours_fields) | set(their_fields) <= set(answers), (answers, ours, theirs)
    out = scratch / "cookiecutter"
    assert not out.exists() or list(out.iterdir()) == []
    assert not (scratch / "copier").exists()


def check_parses(path: Path) -> None:
    text = path.read_text("utf-8")
    if path.suffix in PARSERS:
        PARSERS[path.suffix](text)
    elif path.suffix == ".rst":
        assert rst_problems(path) == [], path
