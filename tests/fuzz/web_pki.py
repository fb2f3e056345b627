"""The web service tests' private PKI and signing helpers, imported from where they live.

`tests/web/alexa_fakes.py` owns the test CA, `sign`, `envelope` and the loopback chain
server. This loads that file by path under its own module name (no copy), so the fuzz
and soak tests and `bench/` use exactly the certificates the web tests trust, whatever
order pytest collects the folders in.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

_WEB_FAKES = Path(__file__).resolve().parent.parent / "web" / "alexa_fakes.py"
_NAME = "alexa_fakes"  # the name tests/web imports it under, so both share one module


def _load() -> ModuleType:
    if _NAME in sys.modules:
        return sys.modules[_NAME]
    spec = importlib.util.spec_from_file_location(_NAME, _WEB_FAKES)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[_NAME] = module
    spec.loader.exec_module(module)
    return module


_web = _load()

SKILL_ID: str = _web.SKILL_ID
CERT_URL: str = _web.CERT_URL
Pki = _web.Pki
FakeFetcher = _web.FakeFetcher
build_pki = _web.build_pki
sign = _web.sign
body_of = _web.body_of
envelope = _web.envelope
ChainServerHandler = _web.ChainServer
QuietServer = _web.QuietServer
# the loopback chain server serves the good chain at this path (see tests/web/test_web_serve.py)
GOOD_CERT_URL = "https://s3.amazonaws.com/echo.api/good.pem"
