"""Let flask-ask-sdk import on OpenSSL 3.0.10 and newer.

The trap: flask-ask-sdk imports ask-sdk-webservice-support, whose ``verifier`` module
does ``from certvalidator import CertificateValidator`` at import time. certvalidator
imports oscrypto, and oscrypto 1.3.0 (the last release on PyPI) reads libcrypto's
version with the pattern ``\\d\\.\\d\\.\\d[a-z]*``. That pattern cannot match a two-digit
patch number such as "3.0.19", so the import raises
``LibraryNotFoundError('Error detecting the version of libcrypto')`` and the whole web
service fails to load. Upstream: wbond/oscrypto issues #75 and #78, fixed on oscrypto's
main branch (commit d5f3437) but never released.

The fix: we never use certvalidator. Night Legs checks the certificate chain with
``cryptography``'s X.509 verification (see ``skill/web_certs.py``) and hands that
verifier to flask-ask-sdk through its own ``AbstractVerifier`` interface. So when, and
only when, certvalidator cannot be imported because of this oscrypto bug, we register a
stand-in ``certvalidator`` module whose validator *always refuses*. The stock
``RequestVerifier`` therefore fails closed if anyone wires it in by mistake; no check
is weakened. On a machine where oscrypto loads, nothing is replaced.

Remove this module once oscrypto ships a release with the fix.
"""

from __future__ import annotations

import sys
import types
from typing import Any, NoReturn

_STAND_IN_FLAG = "__nightlegs_stand_in__"
_OSCRYPTO_ERROR = "Error detecting the version of libcrypto"


class _StandInValidationError(Exception):
    """Raised by the stand-in validator, always."""


class _StandInPathError(_StandInValidationError):
    pass


class _RefusingCertificateValidator:
    """Replaces certvalidator.CertificateValidator: it trusts nothing."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        pass

    def _refuse(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise _StandInValidationError(
            "certvalidator is unavailable (oscrypto cannot load on this OpenSSL); "
            "use skill.web.verifiers.SignatureVerifier"
        )

    validate_usage = _refuse
    validate_tls = _refuse


def _stand_in_module() -> types.ModuleType:
    errors = types.ModuleType("certvalidator.errors")
    errors.ValidationError = _StandInValidationError  # type: ignore[attr-defined]
    errors.PathError = _StandInPathError  # type: ignore[attr-defined]
    module = types.ModuleType("certvalidator")
    module.CertificateValidator = _RefusingCertificateValidator  # type: ignore[attr-defined]
    module.errors = errors  # type: ignore[attr-defined]
    setattr(module, _STAND_IN_FLAG, True)
    sys.modules["certvalidator.errors"] = errors
    sys.modules["certvalidator"] = module
    return module


def install() -> bool:
    """Make ``import flask_ask_sdk`` work here. Returns True if the stand-in was needed.

    Any other import failure is left alone and raised as it is.
    """
    existing = sys.modules.get("certvalidator")
    if existing is not None:
        return bool(getattr(existing, _STAND_IN_FLAG, False))
    try:
        import certvalidator  # noqa: F401  (the import is the test)
    except Exception as exc:  # oscrypto raises its own LibraryNotFoundError
        if _OSCRYPTO_ERROR not in str(exc):
            raise
        for name in [n for n in sys.modules if n == "certvalidator" or n.startswith("certvalidator.")]:
            del sys.modules[name]
        _stand_in_module()
        return True
    return False


def stand_in_active() -> bool:
    """True if certvalidator in this process is the refusing stand-in."""
    module = sys.modules.get("certvalidator")
    return bool(module is not None and getattr(module, _STAND_IN_FLAG, False))
