#!/usr/bin/env bash
# One command from a checkout to a live skill: AWS Lambda + DynamoDB (template.yaml).
#
#   deploy/sam-deploy.sh [nightlegs build options, e.g. --policy-base-url URL --release]
#
# Needs: nightlegs (pip install .), the ASK CLI (ask configure; docs/deploy.md says how
# to install the pinned one) and the AWS SAM CLI.
# Steps: build; create the skill if dist/.ask has none yet; make the user salt and the
# session key once; sam deploy on the runtime the bundle was built for; build again
# with the function's alias ARN; point the skill at it.
# Running it again updates code, stack and skill in place.
set -euo pipefail
cd "$(dirname "$0")/.."

STACK="${NIGHTLEGS_STACK:-night-legs}"
SALT_FILE="${NIGHTLEGS_SALT_FILE:-.nightlegs/user-salt}"
SESSION_KEY_FILE="${NIGHTLEGS_SESSION_KEY_FILE:-.nightlegs/session-key}"
say() { printf 'sam-deploy: %s\n' "$*" >&2; }

say "1/5 building the skill package and the Lambda bundle"
# --json: the report names the runtime the bundle was built for (nightlegs build's
# default, or your --runtime), and the function is deployed on exactly that runtime.
if ! REPORT="$(nightlegs build --out dist --json "$@")"; then
  printf '%s\n' "$REPORT" >&2
  exit 1
fi
RUNTIME="$(printf '%s' "$REPORT" | python3 -c 'import json, sys; print(json.load(sys.stdin)["lambda_zip"]["runtime"])')"
say "bundle built for $RUNTIME"

if [ ! -f dist/.ask/ask-states.json ]; then
  say "2/5 creating the skill (ask deploy --target skill-metadata)"
  (cd dist && ask deploy --target skill-metadata)
else
  say "2/5 the skill exists (dist/.ask/ask-states.json)"
fi
SKILL_ID="$(python3 -c 'import json; print(json.load(open("dist/.ask/ask-states.json"))["profiles"]["default"]["skillId"])')"

if [ ! -s "$SALT_FILE" ]; then
  mkdir -p "$(dirname "$SALT_FILE")"
  (umask 077 && python3 -c 'import secrets; print(secrets.token_hex(32))' > "$SALT_FILE")
  say "made the user salt in $SALT_FILE: keep it safe; a new salt forgets every user"
fi
if [ ! -s "$SESSION_KEY_FILE" ]; then
  mkdir -p "$(dirname "$SESSION_KEY_FILE")"
  (umask 077 && python3 -c 'import secrets; print(secrets.token_hex(32))' > "$SESSION_KEY_FILE")
  say "made the session key in $SESSION_KEY_FILE (signs conversation state; NIGHTLEGS_SESSION_KEY)"
fi

say "3/5 deploying stack $STACK on $RUNTIME (function, alias, table, alarms)"
sam deploy --config-file samconfig.toml --stack-name "$STACK" \
  --parameter-overrides "SkillId=$SKILL_ID" "Runtime=$RUNTIME" \
  "UserSalt=$(cat "$SALT_FILE")" "SessionKey=$(cat "$SESSION_KEY_FILE")"

ARN="$(sam list stack-outputs --stack-name "$STACK" --output json \
  | python3 -c 'import json, sys; print(next(o["OutputValue"] for o in json.load(sys.stdin) if o["OutputKey"] == "SkillEndpoint"))')"

say "4/5 pinning the skill's endpoint to $ARN"
nightlegs build --out dist --lambda-arn "$ARN" "$@" > /dev/null

say "5/5 updating the skill"
(cd dist && ask deploy --target skill-metadata)
say "done: skill $SKILL_ID answers from $ARN"
