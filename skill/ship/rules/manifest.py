"""Rules for the skill manifest (`skill.json`): listing fields and limits, example
phrases against the models' samples, privacy and compliance answers, the endpoint."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from skill.ship.rules.findings import Collector, Finding, as_dict, as_list, normalize
from skill.ship.rules.model import invocation_name, sample_patterns

LAUNCH_PHRASES: tuple[str, ...] = (
    "ask", "tell", "open", "launch", "start", "begin", "talk to", "use", "load", "run",
)
CONNECTING_WORDS: tuple[str, ...] = (
    "to", "for", "about", "if", "whether", "that", "and", "from",
)
# A Lambda function ARN, optionally with a version or alias (SnapStart needs one).
LAMBDA_ARN_RE = re.compile(r"^arn:aws[a-z-]*:lambda:[a-z]{2}(-gov)?-[a-z]+-\d:\d{12}:function:[\w-]+(:[\w-]+)?$")
# Icons shipped inside the skill package, the way ASK CLI uploads them.
PACKAGE_URI = "file://assets/"
# Hosts that are never a published policy page (RFC 2606 and RFC 6761 names).
PLACEHOLDER_HOSTS: frozenset[str] = frozenset({"example.com", "example.org", "example.net", "localhost", ""})
PLACEHOLDER_SUFFIXES: tuple[str, ...] = (".example", ".invalid", ".test", ".localhost", ".example.com", ".example.org")
# Sample hosts the docs and templates write for "your site": a real host, but never the
# publisher's pages (docs/deploy.md uses https://you.github.io/nightlegs/).
SAMPLE_HOSTS: frozenset[str] = frozenset({
    "you.github.io", "your.host", "your-host", "yourname.github.io", "your-name.github.io",
    "username.github.io", "your-username.github.io", "user.github.io", "yourdomain.com",
    "your-domain.com", "mydomain.com", "my-domain.com", "domain.com",
})
DISCLAIMER = "not a substitute for professional medical advice"
# Publishing limits of the skill manifest (Skill Manifest Schema).
NAME_MAX = 50
SUMMARY_MAX = 160
DESCRIPTION_MAX = 4000
EXAMPLE_PHRASES_MAX = 3
KEYWORDS_MAX = 30
CATEGORIES: frozenset[str] = frozenset(
    {
        "HEALTH_AND_FITNESS", "LIFESTYLE", "EDUCATION_AND_REFERENCE", "MEDICAL",
        "SELF_IMPROVEMENT", "WELLNESS", "NOVELTY_AND_HUMOR", "PRODUCTIVITY",
        "FAMILY_AND_KIDS", "GAMES_AND_TRIVIA", "KNOWLEDGE_AND_TRIVIA", "MUSIC_AND_AUDIO",
        "NEWS", "SOCIAL", "SPORTS", "TRAVEL_AND_TRANSPORTATION", "UTILITIES", "WEATHER",
    }
)


def check_manifest(
    manifest: Mapping[str, Any],
    file: str,
    models: Mapping[str, Mapping[str, Any]],
    endpoint_required: bool = True,
    package_files: Collection[str] | None = None,
    release: bool = False,
) -> list[Finding]:
    """Check a `skill.json` against the interaction models it ships with (by locale).

    `package_files` (paths relative to skill-package/) lets `file://` icons be checked.
    `release` is for a build that goes to certification: icons, a privacy policy and
    terms of use with real text behind them are then required, not just recommended.
    """
    out = Collector(file)
    rules = _Release(release, package_files)
    body = as_dict(manifest.get("manifest"))
    if not body:
        out.error("manifest-field", "$.manifest", "manifest object is missing")
        return out.findings
    if body.get("manifestVersion") != "1.0":
        out.error("manifest-field", "$.manifest.manifestVersion", "manifestVersion must be \"1.0\"")
    publishing = as_dict(body.get("publishingInformation"))
    ppath = "$.manifest.publishingInformation"
    category = publishing.get("category")
    if category not in CATEGORIES:
        out.error("manifest-field", f"{ppath}.category", f"category {category!r} is not a known Alexa category")
    if not publishing.get("isAvailableWorldwide") and not as_list(publishing.get("distributionCountries")):
        out.error(
            "manifest-field", f"{ppath}.distributionCountries",
            "skill is not available worldwide but lists no distribution countries",
        )
    locales = as_dict(publishing.get("locales"))
    for locale in sorted(set(models) - set(locales)):
        out.error("manifest-field", f"{ppath}.locales", f"locale {locale} has an interaction model but no listing")
    for locale in sorted(set(locales) - set(models)):
        out.error("manifest-field", f"{ppath}.locales.{locale}", f"locale {locale} is listed but has no interaction model")
    for locale, listing in sorted(locales.items()):
        _check_listing(out, as_dict(listing), f"{ppath}.locales.{locale}", models.get(locale), rules)
    _check_privacy(out, as_dict(body.get("privacyAndCompliance")), set(locales), rules)
    _check_endpoint(out, as_dict(as_dict(body.get("apis")).get("custom")), endpoint_required, rules)
    return out.findings


def _check_text(out: Collector, value: Any, path: str, label: str, limit: int) -> str:
    if not isinstance(value, str) or not value.strip():
        out.error("manifest-field", path, f"{label} is missing")
        return ""
    if len(value) > limit:
        out.error("manifest-field", path, f"{label} is {len(value)} characters; the limit is {limit}")
    return value


@dataclass(frozen=True)
class _Release:
    release: bool
    package_files: Collection[str] | None

    def required(self, out: Collector, rule: str, path: str, message: str) -> None:
        """An error for a release build, a warning before that."""
        (out.error if self.release else out.warning)(rule, path, message)


def placeholder_reason(url: str) -> str | None:
    """Why a policy URL is a stand-in rather than a page with text behind it."""
    host = (urlsplit(url).hostname or "").lower()
    if host in PLACEHOLDER_HOSTS or host.endswith(PLACEHOLDER_SUFFIXES):
        return f"{host} is a placeholder host"
    if host in SAMPLE_HOSTS:
        return f"{host} is the sample host from the docs, not where you published the page"
    if any(mark in url for mark in ("\u2026", "...", "<", ">", "TODO", "your-", "YOUR")):
        return "it still holds a placeholder"
    return None


def _check_listing(
    out: Collector, listing: Mapping[str, Any], path: str, model: Mapping[str, Any] | None, rules: _Release
) -> None:
    _check_text(out, listing.get("name"), f"{path}.name", "name", NAME_MAX)
    _check_text(out, listing.get("summary"), f"{path}.summary", "summary", SUMMARY_MAX)
    description = _check_text(out, listing.get("description"), f"{path}.description", "description", DESCRIPTION_MAX)
    if description and DISCLAIMER not in " ".join(description.lower().split()):
        out.error(
            "manifest-disclaimer", f"{path}.description",
            f"a health skill's description must say it is {DISCLAIMER!r}",
        )
    keywords = as_list(listing.get("keywords"))
    if len(keywords) > KEYWORDS_MAX:
        out.error("manifest-field", f"{path}.keywords", f"{len(keywords)} keywords; the limit is {KEYWORDS_MAX}")
    for key in ("smallIconUri", "largeIconUri"):
        uri = listing.get(key)
        if not uri:
            rules.required(out, "manifest-icons", f"{path}.{key}", f"{key} is not set; certification needs it before submission")
        elif str(uri).startswith(PACKAGE_URI):
            name = str(uri)[len("file://"):]
            if rules.package_files is not None and name not in rules.package_files:
                out.error("manifest-icons", f"{path}.{key}", f"{key} {uri} names {name}, which is not in the skill package")
        elif not str(uri).startswith("https://"):
            out.error("manifest-icons", f"{path}.{key}", f"{key} must be an https URL or {PACKAGE_URI}...")
    phrases = as_list(listing.get("examplePhrases"))
    if not phrases:
        out.error("example-phrase", f"{path}.examplePhrases", "at least one example phrase is needed")
    if len(phrases) > EXAMPLE_PHRASES_MAX:
        out.error(
            "example-phrase", f"{path}.examplePhrases",
            f"{len(phrases)} example phrases; the limit is {EXAMPLE_PHRASES_MAX}",
        )
    if model is None:
        return
    name = invocation_name(model)
    patterns = sample_patterns(model)
    for k, phrase in enumerate(phrases):
        problem = example_phrase_problem(str(phrase), name, patterns, first=k == 0)
        if problem:
            out.error("example-phrase", f"{path}.examplePhrases[{k}]", problem)


def example_phrase_problem(
    phrase: str, invocation: str, patterns: list[re.Pattern[str]], first: bool = False
) -> str | None:
    """Why an example phrase would fail certification, or None when it is fine."""
    text = normalize(phrase)
    launch = "|".join(re.escape(p) for p in LAUNCH_PHRASES)
    match = re.match(rf"^alexa (?P<launch>{launch}) (?P<rest>.*)$", text)
    if not match:
        return f"{phrase!r} must start with 'Alexa,' and a launch phrase ({', '.join(LAUNCH_PHRASES)})"
    rest = match.group("rest")
    if rest != invocation and not rest.startswith(invocation + " "):
        return f"{phrase!r} must name the invocation name {invocation!r} right after the launch phrase"
    request = rest[len(invocation):].strip()
    if not request:
        return None
    if first:
        return f"{phrase!r}: the first example phrase must only open the skill ('Alexa, open {invocation}')"
    variants = [request]
    for word in CONNECTING_WORDS:
        if request.startswith(word + " "):
            variants.append(request[len(word) + 1:])
    if any(p.fullmatch(v) for p in patterns for v in variants):
        return None
    return f"{phrase!r}: {request!r} does not match any sample utterance"


def _check_privacy(out: Collector, privacy: Mapping[str, Any], locales: set[str], rules: _Release) -> None:
    path = "$.manifest.privacyAndCompliance"
    if not privacy:
        out.error("manifest-field", path, "privacyAndCompliance is missing")
        return
    for key in ("allowsPurchases", "usesPersonalInfo", "isChildDirected", "isExportCompliant", "containsAds"):
        if not isinstance(privacy.get(key), bool):
            out.error("manifest-field", f"{path}.{key}", f"{key} must be true or false")
    per_locale = as_dict(privacy.get("locales"))
    for locale in sorted(locales):
        urls = as_dict(per_locale.get(locale))
        for key in ("privacyPolicyUrl", "termsOfUseUrl"):
            url = urls.get(key)
            where = f"{path}.locales.{locale}.{key}"
            how = (
                f"publish docs/privacy.md and docs/terms.md (GitHub Pages on docs/ works) and give their "
                f"address with --policy-base-url https://<your-user>.github.io/<repo>/ or --{_flag(key)}"
            )
            if not url:
                rules.required(out, "manifest-placeholder", where, f"{key} is not set; {how}")
            elif not isinstance(url, str) or not url.startswith("https://"):
                out.error("manifest-field", where, f"{key} must be an https URL ({how})")
            elif (reason := placeholder_reason(url)) is not None:
                rules.required(out, "manifest-placeholder", where, f"{key} {url} is not a real page: {reason}; {how}")


def _flag(key: str) -> str:
    return "privacy-url" if key == "privacyPolicyUrl" else "terms-url"


def _check_endpoint(out: Collector, custom: Mapping[str, Any], required: bool, rules: _Release) -> None:
    path = "$.manifest.apis.custom.endpoint"
    endpoint = as_dict(custom.get("endpoint"))
    uri = endpoint.get("uri")
    if not uri:
        if required:
            out.error("endpoint", path, "no endpoint: give a Lambda ARN or an HTTPS URL")
        else:
            out.warning(
                "endpoint", path,
                "no endpoint yet: `ask deploy` fills in the Lambda it creates "
                "(build with --lambda-arn or --endpoint https to pin one)",
            )
        return
    uri = str(uri)
    if uri.startswith("arn:"):
        if not LAMBDA_ARN_RE.match(uri):
            out.error("endpoint", f"{path}.uri", f"{uri!r} is not a Lambda function ARN")
    elif uri.startswith("https://"):
        if endpoint.get("sslCertificateType") not in ("Wildcard", "SelfSigned", "Trusted"):
            out.error(
                "endpoint", f"{path}.sslCertificateType",
                "an HTTPS endpoint needs sslCertificateType Wildcard, SelfSigned or Trusted",
            )
        if (reason := placeholder_reason(uri)) is not None:
            rules.required(
                out, "endpoint", f"{path}.uri",
                f"{uri} is not your server: {reason}; build with --https-url https://<the host that "
                "runs nightlegs serve behind TLS>/",
            )
    else:
        out.error("endpoint", f"{path}.uri", f"{uri!r} is neither a Lambda ARN nor an https URL")


