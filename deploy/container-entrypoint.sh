#!/bin/sh
# The container's entry point (Containerfile ENTRYPOINT): it refuses to start the skill
# without a session key of the deployment's own. NIGHTLEGS_SESSION_KEY signs the state
# Alexa hands back with every request; without it the skill would fall back to the
# development key, and anyone could forge a conversation's state.
#
#   podman run ... --env-file .nightlegs/container.env nightlegs     (docs/deploy.md, Container)
set -eu
key="${NIGHTLEGS_SESSION_KEY:-}"
if [ -z "$key" ]; then
  cat >&2 <<'MSG'
nightlegs container: NIGHTLEGS_SESSION_KEY is not set, so the skill will not start.
Make a key once and keep it (every container of one deployment needs the same key):
  mkdir -p .nightlegs && (umask 077 && printf 'NIGHTLEGS_SESSION_KEY=%s\n' "$(python3 -c 'import secrets; print(secrets.token_hex(32))')" > .nightlegs/container.env)
then start the container with --env-file .nightlegs/container.env
MSG
  exit 64
fi
if [ "${#key}" -lt 32 ]; then
  echo "nightlegs container: NIGHTLEGS_SESSION_KEY is ${#key} characters; use a random key of at least 32 (python3 -c 'import secrets; print(secrets.token_hex(32))')." >&2
  exit 64
fi
exec "$@"
