"""The oscrypto trap: the web service must import on this machine's OpenSSL.

oscrypto 1.3.0 cannot parse OpenSSL versions like 3.0.19 (wbond/oscrypto #75, #78),
so importing flask-ask-sdk fails unless skill/oscrypto_compat.py steps in.
"""

from __future__ import annotations

import ssl
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_web_service_imports_on_this_machines_openssl() -> None:
    done = _python(
        """
        import skill.web.app, flask_ask_sdk.skill_adapter
        from skill.web.verifiers import SignatureVerifier
        print("imported")
        """
    )
    assert done.returncode == 0 and "imported" in done.stdout, (
        f"The web service no longer imports on {ssl.OPENSSL_VERSION}. "
        f"See skill/oscrypto_compat.py.\n{done.stderr}"
    )


# Makes `import certvalidator` fail the way oscrypto 1.3.0 fails on OpenSSL >= 3.0.10,
# whatever OpenSSL the test runs on.
_BREAK_OSCRYPTO = """
    import sys
    from importlib.abc import MetaPathFinder

    class BrokenOscrypto(MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name == "certvalidator":
                raise OSError("Error detecting the version of libcrypto")
            return None

    sys.meta_path.insert(0, BrokenOscrypto())
"""


def test_without_the_fix_flask_ask_sdk_does_not_import() -> None:
    done = _python(_BREAK_OSCRYPTO + "\n    import flask_ask_sdk.skill_adapter\n")
    assert done.returncode != 0
    assert "Error detecting the version of libcrypto" in done.stderr


def test_with_the_fix_it_imports_and_the_stock_verifier_fails_closed() -> None:
    done = _python(
        _BREAK_OSCRYPTO
        + """
    import certifi
    from skill.web import oscrypto_compat
    assert oscrypto_compat.install() is True
    assert oscrypto_compat.stand_in_active()
    import flask_ask_sdk.skill_adapter
    from ask_sdk_webservice_support.verifier import RequestVerifier, VerificationException
    try:
        RequestVerifier()._validate_cert_chain(open(certifi.where(), "rb").read())
    except VerificationException:
        print("refused")
    """
    )
    assert done.returncode == 0, done.stderr
    assert "refused" in done.stdout


def test_other_import_errors_are_not_hidden() -> None:
    done = _python(
        _BREAK_OSCRYPTO.replace("Error detecting the version of libcrypto", "some other failure")
        + """
    from skill.web import oscrypto_compat
    oscrypto_compat.install()
    """
    )
    assert done.returncode != 0
    assert "some other failure" in done.stderr
