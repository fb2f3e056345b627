"""Certification material: store icons in the skill package, policy pages that say what
the skill does, and certification answers that match it."""

from __future__ import annotations

import struct
from pathlib import Path

import yaml

from skill.ship import icons, project
from skill.ship.manifest import load_listing_config

ROOT = Path(__file__).resolve().parents[2]


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_committed_icons_are_the_sizes_alexa_asks_for() -> None:
    for name, size in icons.SIZES.items():
        assert _png_size((ROOT / "assets" / "icons" / icons.FILES[name]).read_bytes()) == (size, size)


def test_the_icon_script_draws_both_sizes(tmp_path: Path) -> None:
    written = icons.write_icons(tmp_path)
    assert sorted(_png_size(p.read_bytes()) for p in written) == [(108, 108), (512, 512)]


def test_manifest_names_icons_the_build_ships_in_the_skill_package() -> None:
    config = load_listing_config(yaml.safe_load((ROOT / "content" / "manifest.yaml").read_text()))
    shipped = project.package_assets(ROOT)
    for uri in (config.links.small_icon_uri, config.links.large_icon_uri):
        assert uri.startswith("file://assets/images/")
        assert uri.removeprefix("file://") in shipped


def test_certification_answers_match_what_the_skill_keeps() -> None:
    config = load_listing_config(yaml.safe_load((ROOT / "content" / "manifest.yaml").read_text()))
    assert config.privacy.uses_personal_info is True, "a record is kept per user, with health details on request"
    assert config.privacy.contains_ads is False and config.privacy.allows_purchases is False
    assert config.privacy.is_child_directed is False


def test_privacy_policy_covers_storage_hashing_reminders_backups_erasure_and_advice() -> None:
    text = " ".join((ROOT / "docs" / "privacy.md").read_text().split())
    template = (ROOT / "template.yaml").read_text()
    for needed in ("HMAC-SHA256", "salt", "alexa::alerts:reminders:skill:readwrite", "forget me",
                   "not a substitute for professional medical advice"):
        assert needed in text, needed
    # The retention the page states is the one the template deploys.
    assert "PointInTimeRecoveryEnabled: true" in template and "35 days" in text
    assert "Default: 14" in template and "kept for 14 days" in text


def test_terms_of_use_say_no_medical_advice_and_call_for_emergencies() -> None:
    text = " ".join((ROOT / "docs" / "terms.md").read_text().split())
    assert "not a substitute for professional medical advice" in text
    assert "call your local emergency number now" in text


def test_a_packaged_icon_missing_from_the_package_is_an_error() -> None:
    from shipping_fixtures import valid_listing_yaml, valid_model

    from skill.ship.manifest import Endpoint, build_manifest
    from skill.ship.rules import check_manifest

    data = valid_listing_yaml()
    data["links"]["small_icon_uri"] = "file://assets/images/small-icon.png"
    data["countries"] = {"en-US": ["US"]}
    manifest = build_manifest(load_listing_config(data), {"en-US": "night legs"}, Endpoint("lambda", None))
    findings = check_manifest(manifest, "skill.json", {"en-US": valid_model()}, endpoint_required=False,
                              package_files={"assets/images/large-icon.png"})
    assert [(f.severity, f.rule) for f in findings if f.rule == "manifest-icons"] == [("error", "manifest-icons")]
    fine = check_manifest(manifest, "skill.json", {"en-US": valid_model()}, endpoint_required=False,
                          package_files={"assets/images/small-icon.png"})
    assert not [f for f in fine if f.rule == "manifest-icons"]
