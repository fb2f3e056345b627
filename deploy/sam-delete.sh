#!/usr/bin/env bash
# Tear down what deploy/sam-deploy.sh made: the stack (function, alias, alarms) and
# the skill. The user table is kept (DeletionPolicy: Retain); the last line says how to
# erase it too.
#
#   deploy/sam-delete.sh
set -euo pipefail
cd "$(dirname "$0")/.."

STACK="${NIGHTLEGS_STACK:-night-legs}"
say() { printf 'sam-delete: %s\n' "$*" >&2; }

TABLE="$(sam list stack-outputs --stack-name "$STACK" --output json \
  | python3 -c 'import json, sys; print(next((o["OutputValue"] for o in json.load(sys.stdin) if o["OutputKey"] == "UserTableName"), ""))')"

say "deleting stack $STACK"
sam delete --config-file samconfig.toml --stack-name "$STACK" --no-prompts

if [ -f dist/.ask/ask-states.json ]; then
  SKILL_ID="$(python3 -c 'import json; print(json.load(open("dist/.ask/ask-states.json"))["profiles"]["default"]["skillId"])')"
  say "deleting skill $SKILL_ID"
  ask smapi delete-skill --skill-id "$SKILL_ID"
  rm -rf dist/.ask
fi
if [ -n "$TABLE" ]; then
  say "kept table $TABLE (users' records). To erase it: aws dynamodb delete-table --table-name $TABLE"
fi
