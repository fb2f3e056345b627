"""One place chooses the Lambda runtime (skill/ship/bundle.py DEFAULT_RUNTIME), and
everything that names it agrees: the template's default, the deploy script (which hands
`sam deploy` the runtime the build reports), the docs, and the Pythons CI tests on."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from cfnlint.decode import decode_str

from skill.ship import bundle

ROOT = Path(__file__).resolve().parents[2]


def _template() -> dict:  # type: ignore[type-arg]
    data, matches = decode_str((ROOT / "template.yaml").read_text(encoding="utf-8"))
    assert not matches
    return data


def _minor(runtime: str) -> int:
    return int(bundle.python_version(runtime).split(".")[1])


def test_the_default_runtime_has_snapstart_and_is_not_the_one_lambda_retires_first() -> None:
    assert bundle.DEFAULT_RUNTIME in bundle.SUPPORTED_RUNTIMES
    assert _minor(bundle.DEFAULT_RUNTIME) >= 12, "SnapStart for Python needs 3.12 or newer"
    assert bundle.DEFAULT_RUNTIME != min(bundle.SUPPORTED_RUNTIMES, key=_minor), "the oldest is deprecated first"


def test_the_template_defaults_to_the_same_runtime_and_snapstarts_it() -> None:
    template = _template()
    runtime = template["Parameters"]["Runtime"]
    assert runtime["Default"] == bundle.DEFAULT_RUNTIME
    assert sorted(runtime["AllowedValues"]) == sorted(bundle.SUPPORTED_RUNTIMES)
    # UseSnapStart: Runtime is not python3.11
    (off,) = [v for v in template["Conditions"]["UseSnapStart"]["Fn::Not"][0]["Fn::Equals"] if isinstance(v, str)]
    assert runtime["Default"] != off


def test_the_deploy_script_hands_sam_the_runtime_the_build_reports() -> None:
    script = (ROOT / "deploy" / "sam-deploy.sh").read_text(encoding="utf-8")
    assert re.search(r'nightlegs build --out dist --json "\$@"', script)
    assert '["lambda_zip"]["runtime"]' in script
    assert '"Runtime=$RUNTIME"' in script
    assert "python3.1" not in script, "the script names no runtime of its own"


def test_the_docs_name_the_default_runtime_and_no_other_default() -> None:
    for page in ("docs/deploy.md", "docs/cli.md"):
        text = (ROOT / page).read_text(encoding="utf-8")
        assert bundle.DEFAULT_RUNTIME in text, page
        stale = [m for m in re.findall(r"default,? (python3\.\d+)", text) if m != bundle.DEFAULT_RUNTIME]
        assert stale == [], f"{page} names another default: {stale}"


def test_ci_tests_the_oldest_and_newest_python_the_package_claims() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    oldest = project["requires-python"].removeprefix(">=")
    claimed = sorted(
        (c.rsplit(" ", 1)[1] for c in project["classifiers"] if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)),
        key=lambda v: int(v.split(".")[1]),
    )
    assert claimed[0] == oldest
    assert [int(v.split(".")[1]) for v in claimed] == list(range(int(oldest.split(".")[1]), int(claimed[-1].split(".")[1]) + 1))
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    pythons = re.search(r"NIGHTLEGS_CI_PYTHONS:-([0-9. ]+)\}", ci)
    assert pythons, ".ci/run names the Pythons it tests"
    assert pythons.group(1).split() == [oldest, claimed[-1]]
    # the newest is the default runtime's Python, so the full run builds the bundle with its .pyc
    assert claimed[-1] == bundle.python_version(bundle.DEFAULT_RUNTIME)
