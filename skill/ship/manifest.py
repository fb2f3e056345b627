"""The skill manifest (skill-package/skill.json) from content/manifest.yaml.

Pure: `load_listing_config` turns the YAML document into dataclasses and
`build_manifest` turns those, the invocation names and the endpoint into the
manifest dictionary. No text lives here; it all comes from the YAML.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from skill.content import ContentError

REMINDERS_PERMISSION = "alexa::alerts:reminders:skill:readwrite"
MANIFEST_FILE = "content/manifest.yaml"


class ManifestConfigError(ContentError):
    """content/manifest.yaml is malformed: names the file, the entry and the reason."""

    def __init__(self, entry: str, reason: str, file: str = MANIFEST_FILE) -> None:
        super().__init__(file, entry, reason)


@dataclass(frozen=True)
class Listing:
    name: str
    summary: str
    description: str
    example_phrases: tuple[str, ...]
    keywords: tuple[str, ...]
    testing_instructions: str
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Links:
    privacy_policy_url: str = ""
    terms_of_use_url: str = ""
    small_icon_uri: str = ""
    large_icon_uri: str = ""


@dataclass(frozen=True)
class Privacy:
    allows_purchases: bool = False
    uses_personal_info: bool = False
    is_child_directed: bool = False
    is_export_compliant: bool = True
    contains_ads: bool = False


@dataclass(frozen=True)
class ListingConfig:
    category: str
    countries: Mapping[str, tuple[str, ...]]
    links: Links
    privacy: Privacy
    default: Listing
    overrides: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def listing_for(self, locale: str, invocation: str) -> Listing:
        """The default listing with the locale's overrides, invocation name filled in."""
        listing = self.default
        override = self.overrides.get(locale, {})
        if override:
            listing = replace(listing, **_listing_fields(override, f"listing.{locale}", partial=True))
        return replace(
            listing,
            example_phrases=tuple(p.replace("{invocation}", invocation) for p in listing.example_phrases),
            testing_instructions=listing.testing_instructions.replace("{invocation}", invocation),
        )


@dataclass(frozen=True)
class Endpoint:
    """Where Alexa sends requests. A Lambda endpoint without an ARN is filled in by
    `ask deploy` (the lambda deployer) when it creates the function."""

    kind: Literal["lambda", "https"] = "lambda"
    uri: str | None = None
    ssl_certificate_type: str = "Wildcard"

    def as_manifest(self) -> dict[str, str] | None:
        if not self.uri:
            return None
        if self.kind == "https":
            return {"uri": self.uri, "sslCertificateType": self.ssl_certificate_type}
        return {"uri": self.uri}


_LISTING_KEYS = {
    "name": str, "summary": str, "description": str, "example_phrases": list,
    "keywords": list, "testing_instructions": str, "sources": list,
}


def _listing_fields(raw: Mapping[str, Any], entry: str, partial: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in _LISTING_KEYS:
            raise ManifestConfigError(f"{entry}.{key}", "unknown field")
        if not isinstance(value, _LISTING_KEYS[key]):
            raise ManifestConfigError(f"{entry}.{key}", f"must be a {_LISTING_KEYS[key].__name__}")
        out[key] = tuple(str(v) for v in value) if isinstance(value, list) else value
    if not partial:
        missing = [k for k in _LISTING_KEYS if k not in out and k != "sources"]
        if missing:
            raise ManifestConfigError(entry, f"missing {', '.join(missing)}")
        if not out.get("sources"):
            raise ManifestConfigError(f"{entry}.sources", "the listing states facts; list its sources")
    return out


def load_listing_config(data: Any, file: str = MANIFEST_FILE) -> ListingConfig:
    """Validate the parsed content/manifest.yaml and return it typed."""
    if not isinstance(data, Mapping):
        raise ManifestConfigError("$", "must be a mapping", file)
    try:
        listing = data.get("listing")
        if not isinstance(listing, Mapping) or not isinstance(listing.get("default"), Mapping):
            raise ManifestConfigError("listing.default", "is required")
        default = Listing(**_listing_fields(listing["default"], "listing.default", partial=False))
        overrides = {k: v for k, v in listing.items() if k != "default"}
        for locale, override in overrides.items():
            if not isinstance(override, Mapping):
                raise ManifestConfigError(f"listing.{locale}", "must be a mapping")
            _listing_fields(override, f"listing.{locale}", partial=True)
        countries_raw = data.get("countries", {})
        if not isinstance(countries_raw, Mapping):
            raise ManifestConfigError("countries", "must map locales to country codes")
        countries = {str(k): tuple(str(c) for c in v) for k, v in countries_raw.items()}
        links_raw = data.get("links", {}) or {}
        privacy_raw = data.get("privacy", {}) or {}
        try:
            links = Links(**{k: str(v or "") for k, v in links_raw.items()})
        except TypeError as exc:
            raise ManifestConfigError("links", str(exc)) from exc
        try:
            privacy = Privacy(**privacy_raw)
        except TypeError as exc:
            raise ManifestConfigError("privacy", str(exc)) from exc
        return ListingConfig(
            category=str(data.get("category", "")),
            countries=countries,
            links=links,
            privacy=privacy,
            default=default,
            overrides=overrides,
        )
    except ManifestConfigError as exc:
        raise ManifestConfigError(exc.entry, exc.reason, file) from None


def build_manifest(
    config: ListingConfig,
    invocations: Mapping[str, str],
    endpoint: Endpoint,
    tasks: Sequence[tuple[str, str]] = (),
) -> dict[str, Any]:
    """skill.json for the given locales (locale -> invocation name)."""
    locales = sorted(invocations)
    listings = {loc: config.listing_for(loc, invocations[loc]) for loc in locales}
    countries = sorted({c for loc in locales for c in config.countries.get(loc, ())})
    publishing: dict[str, Any] = {
        "locales": {
            loc: _locale_listing(listings[loc], config.links) for loc in locales
        },
        "isAvailableWorldwide": False,
        "distributionCountries": countries,
        "category": config.category,
        "testingInstructions": listings[locales[0]].testing_instructions if locales else "",
        "automaticDistribution": {"isActive": False},
    }
    privacy = config.privacy
    custom: dict[str, Any] = {}
    manifest_endpoint = endpoint.as_manifest()
    if manifest_endpoint:
        custom["endpoint"] = manifest_endpoint
    if tasks:
        custom["tasks"] = [{"name": n, "version": v} for n, v in sorted(tasks)]
    return {
        "manifest": {
            "manifestVersion": "1.0",
            "publishingInformation": publishing,
            "privacyAndCompliance": {
                "allowsPurchases": privacy.allows_purchases,
                "usesPersonalInfo": privacy.uses_personal_info,
                "isChildDirected": privacy.is_child_directed,
                "isExportCompliant": privacy.is_export_compliant,
                "containsAds": privacy.contains_ads,
                "locales": {
                    loc: {
                        "privacyPolicyUrl": config.links.privacy_policy_url,
                        "termsOfUseUrl": config.links.terms_of_use_url,
                    }
                    for loc in locales
                },
            },
            "permissions": [{"name": REMINDERS_PERMISSION}],
            "apis": {"custom": custom},
        }
    }


def _locale_listing(listing: Listing, links: Links) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": listing.name,
        "summary": listing.summary,
        "description": listing.description,
        "examplePhrases": list(listing.example_phrases),
        "keywords": list(listing.keywords),
    }
    if links.small_icon_uri:
        out["smallIconUri"] = links.small_icon_uri
    if links.large_icon_uri:
        out["largeIconUri"] = links.large_icon_uri
    return out
