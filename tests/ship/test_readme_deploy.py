"""The deploy routes in docs/deploy.md, run as pasted, against stand-in `sam` and `ask`
programs (tests/ship/stubs/fake_cli.py) that check their arguments and the files they
would read. `nightlegs build` and git run for real."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
STUB = Path(__file__).resolve().parent / "stubs" / "fake_cli.py"
sys.path.insert(0, str(STUB.parent))
import fake_cli  # noqa: E402

pytestmark = pytest.mark.slow  # real builds: about a minute and a half


DEPLOY_DOC = ROOT / "docs" / "deploy.md"


def readme_blocks(heading: str) -> list[str]:
    """The ```sh blocks under a docs/deploy.md `###` heading, up to the next heading."""
    text = DEPLOY_DOC.read_text(encoding="utf-8")
    start = text.index(f"\n### {heading}")
    end = text.find("\n#", start + 5)
    section = text[start:end if end != -1 else None]
    return re.findall(r"```sh\n(.*?)```", section, flags=re.S)


@pytest.fixture(scope="module")
def wheelhouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("deploy-wheels")


@pytest.fixture
def project(tmp_path: Path, wheelhouse: Path) -> dict[str, Any]:
    """A copy of the checkout's deployable files, stub tools first on PATH."""
    repo = tmp_path / "repo"
    for folder in ("content", "interaction_model", "lambda", "assets", "deploy"):
        shutil.copytree(ROOT / folder, repo / folder, ignore=shutil.ignore_patterns("__pycache__", "snapshots"))
    for name in ("template.yaml", "samconfig.toml"):
        shutil.copyfile(ROOT / name, repo / name)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("sam", "ask"):
        script = bin_dir / tool
        script.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{STUB}" {tool} "$@"\n')
        script.chmod(script.stat().st_mode | stat.S_IXUSR)
    env = {k: v for k, v in os.environ.items() if not k.startswith("NIGHTLEGS_")}
    env.update(
        PATH=os.pathsep.join([str(bin_dir), str(Path(sys.executable).parent), env.get("PATH", "")]),
        NIGHTLEGS_HOME=str(repo),
        NIGHTLEGS_WHEELHOUSE=str(wheelhouse),
        STUB_LOG=str(tmp_path / "calls.jsonl"),
        STUB_STATE=str(tmp_path / "stacks.json"),
        GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t", GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@t",
    )
    return {"repo": repo, "env": env, "log": tmp_path / "calls.jsonl", "tmp": tmp_path}


def paste(block: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run a README block the way a shell runs pasted lines: each line as typed."""
    return subprocess.run(["bash", "-e", "-o", "pipefail"], input=block, cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=900)


def calls(log: Path) -> list[tuple[str, list[str]]]:
    if not log.exists():
        return []
    return [(c["tool"], c["argv"]) for c in map(json.loads, log.read_text().splitlines())]


def test_sam_deploy_is_one_command_that_pins_the_skill_to_the_alias(project: dict[str, Any]) -> None:
    deploy, _ = readme_blocks("Production path: one command with SAM (Lambda, DynamoDB, alarms)")
    repo, env = project["repo"], project["env"]
    done = paste(deploy, repo, env)
    assert done.returncode == 0, done.stderr[-3000:]
    made = calls(project["log"])
    assert [c[0] + " " + c[1][0] for c in made] == [
        "ask deploy", "sam deploy", "sam list", "ask deploy",
    ]
    manifest = json.loads((repo / "dist/skill-package/skill.json").read_text())["manifest"]
    assert manifest["apis"]["custom"]["endpoint"] == {"uri": fake_cli.ALIAS_ARN}
    assert manifest["privacyAndCompliance"]["locales"]["en-US"]["privacyPolicyUrl"] == (
        "https://you.github.io/nightlegs/privacy.html"
    )
    salt = repo / ".nightlegs" / "user-salt"
    assert stat.S_IMODE(salt.stat().st_mode) == 0o600
    first_salt = salt.read_text()

    again = paste(deploy, repo, env)  # an update: same skill, same salt, no new skill
    assert again.returncode == 0, again.stderr[-3000:]
    assert salt.read_text() == first_salt
    assert sum(1 for tool, argv in calls(project["log"]) if argv[:1] == ["deploy"] and tool == "sam") == 2


def test_teardown_deletes_the_stack_and_the_skill_and_names_the_kept_table(project: dict[str, Any]) -> None:
    deploy, delete = readme_blocks("Production path: one command with SAM (Lambda, DynamoDB, alarms)")
    repo, env = project["repo"], project["env"]
    assert paste(deploy, repo, env).returncode == 0
    done = paste(delete, repo, env)
    assert done.returncode == 0, done.stderr
    tail = calls(project["log"])[-3:]
    assert tail[1][0] == "sam" and tail[1][1][0] == "delete"
    assert tail[2] == ("ask", ["smapi", "delete-skill", "--skill-id", fake_cli.SKILL_ID])
    assert f"aws dynamodb delete-table --table-name {fake_cli.TABLE}" in done.stderr
    assert json.loads(Path(env["STUB_STATE"]).read_text()) == {}


def test_ask_cli_quick_path_deploys_the_built_project(project: dict[str, Any]) -> None:
    (block,) = readme_blocks("Quick path: `ask deploy`")
    done = paste(block, project["repo"], project["env"])
    assert done.returncode == 0, done.stderr[-3000:]
    (call,) = calls(project["log"])
    assert call == ("ask", ["deploy"])


def test_sam_deploy_runs_the_function_on_the_runtime_the_bundle_was_built_for(project: dict[str, Any]) -> None:
    repo, env = project["repo"], project["env"]
    done = paste("deploy/sam-deploy.sh --runtime python3.12 --policy-base-url https://you.github.io/nightlegs/\n", repo, env)
    assert done.returncode == 0, done.stderr[-3000:]
    (deploy,) = [argv for tool, argv in calls(project["log"]) if tool == "sam" and argv[0] == "deploy"]
    assert "Runtime=python3.12" in deploy
    assert "bundle built for python3.12" in done.stderr


def test_alexa_hosted_walkthrough_is_refused_naming_the_hosted_python(project: dict[str, Any]) -> None:
    refused, newer = readme_blocks("Alexa-hosted (refused)")
    env, tmp = project["env"], project["tmp"]
    remote = tmp / "hosted.git"
    seed = tmp / "seed"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    subprocess.run(["git", "clone", "-q", str(remote), str(seed)], check=True, env=env)
    (seed / "README.md").write_text("hosted skill\n")
    for command in (["git", "add", "-A"], ["git", "commit", "-q", "-m", "hosted template"], ["git", "push", "-q"]):
        subprocess.run(command, cwd=seed, check=True, env=env)
    env = {**env, "STUB_HOSTED_REMOTE": str(remote)}
    work = tmp / "work"
    work.mkdir()
    done = paste(refused, work, env)
    assert done.returncode == 1
    assert "Python 3.8" in done.stderr and "3.11 or newer" in done.stderr
    clone = work / "night-legs"
    assert sorted(p.name for p in clone.iterdir()) == [".git", "README.md"], "the refused build wrote nothing"

    done = paste(newer, clone, env)  # a hosted skill on a newer Python
    assert done.returncode == 0, done.stderr[-3000:]
    pushed = subprocess.run(["git", "--git-dir", str(remote), "ls-tree", "-r", "--name-only", "HEAD"],
                            capture_output=True, text=True, check=True).stdout.split()
    for needed in ("skill-package/skill.json", "lambda/lambda_function.py", "lambda/requirements.txt",
                   "lambda/skill/app.py", "lambda/content/prompts.yaml", "lambda/interaction_model/en-US.json",
                   "lambda/user_salt.txt", "lambda/session_key.txt",
                   "skill-package/interactionModels/custom/en-US.json"):
        assert needed in pushed, needed
    requirements = subprocess.run(["git", "--git-dir", str(remote), "show", "HEAD:lambda/requirements.txt"],
                                  capture_output=True, text=True, check=True).stdout
    assert "ask-sdk-core==" in requirements and "--hash=sha256:" in requirements
