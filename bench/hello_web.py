"""flask-ask-sdk serving the hello-world skill: the HTTP baseline for `nightlegs serve`.

    gunicorn --workers N --bind 127.0.0.1:PORT bench.hello_web:app

Stock flask-ask-sdk with its verifiers off: its own signature verifier needs oscrypto,
which cannot load on this machine's OpenSSL (see DESIGN.md), so the baseline is the
unverified path, the same as `nightlegs serve --insecure-skip-verification`.
"""

from __future__ import annotations

from skill.web import oscrypto_compat

oscrypto_compat.install()  # flask_ask_sdk imports oscrypto through ask-sdk-webservice-support

from flask import Flask  # noqa: E402
from flask_ask_sdk.skill_adapter import (  # noqa: E402
    VERIFY_SIGNATURE_APP_CONFIG,
    VERIFY_TIMESTAMP_APP_CONFIG,
    SkillAdapter,
)

from bench.hello import skill  # noqa: E402

app = Flask(__name__)
app.config[VERIFY_SIGNATURE_APP_CONFIG] = False
app.config[VERIFY_TIMESTAMP_APP_CONFIG] = False
adapter = SkillAdapter(skill=skill, skill_id="amzn1.ask.skill.hello", app=app)
adapter.register(app=app, route="/")
