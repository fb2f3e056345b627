"""template.yaml (AWS SAM) passes cfn-lint and grants only what the skill needs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cfnlint.api import ManualArgs, lint, lint_file
from cfnlint.decode import decode_str

TEMPLATE = Path(__file__).resolve().parents[2] / "template.yaml"
LINT_ARGS = ManualArgs(regions=["us-east-1", "eu-west-1", "us-west-2"])


def _template() -> dict[str, Any]:
    data, matches = decode_str(TEMPLATE.read_text(encoding="utf-8"))
    assert not matches, matches
    return data


def test_template_passes_cfn_lint_in_the_alexa_regions() -> None:
    matches = lint_file(TEMPLATE, config=LINT_ARGS)
    assert [str(m) for m in matches] == []


def test_cfn_lint_would_catch_a_broken_template() -> None:
    broken = TEMPLATE.read_text(encoding="utf-8").replace("KeyType: HASH", "KeyType: PRIMARY")
    assert lint(broken, config=LINT_ARGS), "cfn-lint found nothing wrong with KeyType PRIMARY"


def test_only_this_skill_can_trigger_the_function() -> None:
    function = _template()["Resources"]["SkillFunction"]["Properties"]
    events = list(function["Events"].values())
    assert [e["Type"] for e in events] == ["AlexaSkill"]
    assert events[0]["Properties"]["SkillId"] == {"Ref": "SkillId"}


def test_table_has_string_partition_key_id_and_the_app_is_told_its_name() -> None:
    resources = _template()["Resources"]
    table = resources["UserTable"]["Properties"]
    assert table["KeySchema"] == [{"AttributeName": "id", "KeyType": "HASH"}]
    assert table["AttributeDefinitions"] == [{"AttributeName": "id", "AttributeType": "S"}]
    env = resources["SkillFunction"]["Properties"]["Environment"]["Variables"]
    assert env["NIGHTLEGS_DYNAMODB_TABLE"] == {"Ref": "UserTable"}


def test_user_key_salt_is_a_hidden_parameter_given_to_the_function() -> None:
    template = _template()
    env = template["Resources"]["SkillFunction"]["Properties"]["Environment"]["Variables"]
    assert env["NIGHTLEGS_USER_SALT"] == {"Ref": "UserSalt"}
    assert template["Parameters"]["UserSalt"]["NoEcho"] is True
    # the session state is signed with a key of the deployment's own, never the development key
    assert env["NIGHTLEGS_SESSION_KEY"] == {"Ref": "SessionKey"}
    assert template["Parameters"]["SessionKey"]["NoEcho"] is True


def test_function_may_only_get_put_and_delete_items_in_its_table() -> None:
    policies = _template()["Resources"]["SkillFunction"]["Properties"]["Policies"]
    statements = [s for p in policies for s in p["Statement"]]
    assert len(statements) == 1
    (statement,) = statements
    assert statement["Effect"] == "Allow"
    assert sorted(statement["Action"]) == ["dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem"]
    assert statement["Resource"] == {"Fn::GetAtt": ["UserTable", "Arn"]}


def test_template_runs_the_bundle_built_by_nightlegs_build() -> None:
    from skill.ship.bundle import DEFAULT_RUNTIME, HANDLER

    function = _template()["Resources"]["SkillFunction"]["Properties"]
    assert function["CodeUri"] == "dist/lambda.zip"
    assert function["Handler"] == HANDLER
    assert _template()["Parameters"]["Runtime"]["Default"] == DEFAULT_RUNTIME


def test_snapstart_is_on_for_the_runtimes_that_support_it() -> None:
    template = _template()
    function = template["Resources"]["SkillFunction"]["Properties"]
    assert function["AutoPublishAlias"] == "live"
    condition, on, off = function["SnapStart"]["Fn::If"]
    assert on == {"ApplyOn": "PublishedVersions"} and off == {"Ref": "AWS::NoValue"}
    # SnapStart for Python needs 3.12+: off exactly for python3.11.
    assert template["Conditions"][condition] == {"Fn::Not": [{"Fn::Equals": [{"Ref": "Runtime"}, "python3.11"]}]}
    assert template["Outputs"]["SkillEndpoint"]["Value"] == {"Ref": "SkillFunction.Alias"}


def test_alarms_watch_errors_throttles_and_slow_answers() -> None:
    resources = _template()["Resources"]
    alarms = {r["Properties"]["MetricName"]: r["Properties"] for r in resources.values()
              if r["Type"] == "AWS::CloudWatch::Alarm"}
    assert {"Errors", "Throttles", "Duration"} <= set(alarms)
    assert alarms["Duration"]["Threshold"] == 6000 and alarms["Duration"]["ComparisonOperator"] == "GreaterThanThreshold"
    namespaces = {(r["Properties"]["Namespace"], r["Properties"]["MetricName"]) for r in resources.values()
                  if r["Type"] == "AWS::CloudWatch::Alarm"}
    assert ("NightLegs", "Errors") in namespaces, "the skill apologises instead of crashing; its own errors count"
    assert ("AWS/Lambda", "Errors") in namespaces and ("AWS/Lambda", "Throttles") in namespaces


def test_logs_are_json_at_a_chosen_level_with_metrics_switched_on() -> None:
    template = _template()
    function = template["Resources"]["SkillFunction"]["Properties"]
    assert function["LoggingConfig"]["LogFormat"] == "JSON"
    assert function["LoggingConfig"]["ApplicationLogLevel"] == {"Ref": "LogLevel"}
    assert function["Environment"]["Variables"]["NIGHTLEGS_METRICS"] == "emf"
    assert function["Tracing"] == {"Ref": "Tracing"}
    assert set(template["Parameters"]["Tracing"]["AllowedValues"]) == {"Active", "PassThrough"}
