"""Stand-ins for the `sam` and `ask` programs in the README deploy tests.

Each call is checked like the real tool would (arguments, files it reads) and logged to
$STUB_LOG as one JSON line {tool, argv, cwd}; anything unexpected exits 2 with a message.
State between calls (the deployed stack) lives in $STUB_STATE.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

SKILL_ID = "amzn1.ask.skill.11111111-2222-3333-4444-555555555555"
ALIAS_ARN = "arn:aws:lambda:us-east-1:123456789012:function:night-legs-SkillFunction-AbC123:live"
TABLE = "night-legs-UserTable-XYZ"


def fail(message: str) -> None:
    print(f"stub: {message}", file=sys.stderr)
    sys.exit(2)


def need(condition: bool, message: str) -> None:
    if not condition:
        fail(message)


def options(argv: list[str], flags: set[str], valued: set[str], multi: set[str] = frozenset()) -> dict[str, object]:
    out: dict[str, object] = {}
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in flags:
            out[arg] = True
        elif arg in multi:
            values = []
            while i + 1 < len(argv) and not argv[i + 1].startswith("--"):
                values.append(argv[i + 1])
                i += 1
            need(bool(values), f"{arg} needs values")
            out[arg] = values
        elif arg in valued:
            need(i + 1 < len(argv), f"{arg} needs a value")
            out[arg] = argv[i + 1]
            i += 1
        else:
            fail(f"unexpected argument {arg!r} in {argv}")
        i += 1
    return out


def state() -> dict[str, object]:
    path = Path(os.environ["STUB_STATE"])
    return json.loads(path.read_text()) if path.exists() else {}


def save(data: dict[str, object]) -> None:
    Path(os.environ["STUB_STATE"]).write_text(json.dumps(data))


def write_ask_state() -> None:
    states = Path(".ask/ask-states.json")
    if not states.exists():
        states.parent.mkdir(exist_ok=True)
        states.write_text(json.dumps({"askcliStatesVersion": "2020-03-31", "profiles": {"default": {"skillId": SKILL_ID}}}))


def ask(argv: list[str]) -> None:
    if argv[:1] == ["deploy"]:
        opts = options(argv[1:], set(), {"--target"})
        resources = json.loads(Path("ask-resources.json").read_text())
        manifest = json.loads(Path("skill-package/skill.json").read_text())["manifest"]
        need("publishingInformation" in manifest, "skill.json has no listing")
        profile = resources["profiles"]["default"]
        if opts.get("--target") == "skill-metadata":
            pass
        elif "--target" in opts:
            fail(f"unknown target {opts['--target']}")
        else:
            config = profile["skillInfrastructure"]["userConfig"]
            need(config["lambda"]["memorySize"] == 256 and config["lambda"]["timeout"] == 8,
                 "ask-cli reads memorySize/timeout from userConfig.lambda")
            need(os.access("hooks/build.sh", os.X_OK) and Path("lambda/lambda_function.py").is_file(),
                 "no code to deploy")
            key = config["lambda"]["environmentVariables"].get("NIGHTLEGS_SESSION_KEY", "")
            need(re.fullmatch(r"[0-9a-f]{64}", key) is not None,
                 "the function would sign session state with the development key")
        write_ask_state()
        return
    if argv[:2] == ["smapi", "delete-skill"]:
        opts = options(argv[2:], set(), {"--skill-id", "-s"})
        need(opts.get("--skill-id", opts.get("-s")) == SKILL_ID, "unknown skill id")
        return
    if argv[:1] == ["init"]:
        opts = options(argv[1:], set(), {"--hosted-skill-id"})
        need(re.fullmatch(r"amzn1\.ask\.skill\.[0-9a-f-]{36}", str(opts.get("--hosted-skill-id", ""))) is not None,
             "init needs --hosted-skill-id amzn1.ask.skill.<uuid>")
        subprocess.run(["git", "clone", "-q", os.environ["STUB_HOSTED_REMOTE"], "night-legs"], check=True)
        return
    fail(f"ask {' '.join(argv)} is not a command this test expects")


def sam(argv: list[str]) -> None:
    if argv[:1] == ["deploy"]:
        opts = options(argv[1:], set(), {"--config-file", "--stack-name"}, {"--parameter-overrides"})
        need(Path(str(opts.get("--config-file"))).is_file(), "samconfig.toml not found")
        need(Path("template.yaml").is_file() and Path("dist/lambda.zip").is_file(), "template or dist/lambda.zip missing")
        params = dict(p.split("=", 1) for p in opts.get("--parameter-overrides", []))  # type: ignore[union-attr]
        need(set(params) == {"SkillId", "Runtime", "UserSalt", "SessionKey"}, f"parameters {sorted(params)}")
        # The function must run the Python the bundle in dist/ was built for.
        built = json.loads(Path("dist/ask-resources.json").read_text())["profiles"]["default"]
        runtime = built["skillInfrastructure"]["userConfig"]["runtime"]
        need(params["Runtime"] == runtime, f"Runtime={params['Runtime']} but dist/lambda.zip is for {runtime}")
        allowed = re.search(r"AllowedValues: \[(python[^\]]*)\]", Path("template.yaml").read_text())
        need(allowed is not None and runtime in allowed.group(1).replace(" ", "").split(","),
             f"template.yaml does not allow Runtime={runtime}")
        need(re.fullmatch(r"amzn1\.ask\.skill\.[0-9a-fA-F-]+", params["SkillId"]) is not None, "bad SkillId")
        need(re.fullmatch(r"[0-9a-f]{64}", params["UserSalt"]) is not None, "UserSalt must be 32+ characters")
        need(re.fullmatch(r"[0-9a-f]{64}", params["SessionKey"]) is not None, "SessionKey must be 32+ characters")
        data = state()
        data[str(opts["--stack-name"])] = {"salt": params["UserSalt"], "runtime": params["Runtime"]}
        save(data)
        return
    if argv[:2] == ["list", "stack-outputs"]:
        opts = options(argv[2:], set(), {"--stack-name", "--output"})
        need(opts.get("--output") == "json", "--output json expected")
        need(str(opts.get("--stack-name")) in state(), "stack does not exist")
        print(json.dumps([
            {"OutputKey": "SkillEndpoint", "OutputValue": ALIAS_ARN, "Description": "alias"},
            {"OutputKey": "UserTableName", "OutputValue": TABLE, "Description": "table"},
        ]))
        return
    if argv[:1] == ["delete"]:
        opts = options(argv[1:], {"--no-prompts"}, {"--config-file", "--stack-name"})
        need(opts.get("--no-prompts") is True, "sam delete would prompt")
        data = state()
        need(data.pop(str(opts.get("--stack-name")), None) is not None, "no such stack")
        save(data)
        return
    fail(f"sam {' '.join(argv)} is not a command this test expects")


def main() -> None:
    tool, argv = sys.argv[1], sys.argv[2:]
    with open(os.environ["STUB_LOG"], "a", encoding="utf-8") as log:
        log.write(json.dumps({"tool": tool, "argv": argv, "cwd": os.getcwd()}) + "\n")
    {"ask": ask, "sam": sam}[tool](argv)


if __name__ == "__main__":
    main()
