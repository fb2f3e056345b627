"""Run every offline certification check over a checkout (and optionally a build).

Reads the files, then hands the parsed documents to the pure rules in
`skill.ship.rules` (model, manifest and content rules). Used by `nightlegs validate`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from skill.ship import apl_rules, icons_check
from skill.ship import manifest as manifest_mod
from skill.ship import project
from skill.content import ContentError, load_from, read_yaml
from skill.ship.rules import Finding, check_content, check_manifest, check_model, invocation_name, relative


@dataclass(frozen=True)
class Report:
    findings: tuple[Finding, ...]
    checked: tuple[str, ...]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors


def load_listing(root: Path, links: manifest_mod.Links | None = None) -> manifest_mod.ListingConfig:
    """content/manifest.yaml, typed; `links` replaces the configured URLs."""
    path = root / "content" / "manifest.yaml"
    file = relative(path, root)
    try:
        data = read_yaml(path)
    except ContentError as exc:
        raise manifest_mod.ManifestConfigError(exc.entry, exc.reason, file) from None
    config = manifest_mod.load_listing_config(data, file)
    return config if links is None else replace(config, links=links)


def run(
    root: Path,
    dist: Path | None = None,
    links: manifest_mod.Links | None = None,
    content_loader: Callable[[str], object] | None = None,
    release: bool = False,
) -> Report:
    """All checks; content is loaded (uncached) from root/content for each model locale."""
    findings: list[Finding] = []
    checked: list[str] = []
    model_dir = root / "interaction_model"
    try:
        models = project.load_models(model_dir)
        elicitation = project.elicitation_intents(model_dir)
    except project.ProjectError as exc:
        return Report((_from_error(exc, root),), ())
    if not models:
        findings.append(
            Finding("error", "model-structure", relative(model_dir, root), "$",
                    "no interaction_model/<locale>.json found (run python -m skill.ship.modelgen)")
        )
    for locale, model in models.items():
        file = relative(model_dir / f"{locale}.json", root)
        checked.append(file)
        findings.extend(check_model(model, file, elicitation))

    tasks: list[project.TaskDefinition] = []
    try:
        tasks = project.task_definitions(root / "content")
    except project.ProjectError as exc:
        findings.append(_from_error(exc, root))

    if dist is None:
        try:
            config = load_listing(root, links)
        except (manifest_mod.ManifestConfigError, ContentError) as exc:
            findings.append(_from_error(exc, root))
        else:
            invocations = {loc: invocation_name(m) for loc, m in models.items()}
            built = manifest_mod.build_manifest(
                config, invocations, manifest_mod.Endpoint(),
                [(t.name, t.version) for t in tasks],
            )
            file = "skill.json (generated from content/manifest.yaml)"
            checked.append(file)
            assets = project.package_assets(root)
            findings.extend(check_manifest(
                built, file, models, endpoint_required=False,
                package_files=set(assets), release=release,
            ))
            findings.extend(icons_check.check_icons(
                built, file, lambda name: (assets[name], relative(assets[name], root)) if name in assets else None,
                release,
            ))
    else:
        findings.extend(_check_dist(dist, root, checked, elicitation, release))

    apl_findings, apl_checked = apl_rules.check_folder(root)  # content/apl/*.json
    findings.extend(apl_findings)
    checked.extend(apl_checked)

    content_dir = root / "content"
    loader = content_loader or (lambda locale: load_from(content_dir, locale))
    findings.extend(
        replace(f, file=f.file if "/" in f.file else f"content/{f.file}")
        for f in check_content(sorted(models), loader)
    )
    checked.append("content/*.yaml")
    return Report(tuple(findings), tuple(checked))


def _check_dist(
    dist: Path, root: Path, checked: list[str], elicitation: set[str], release: bool = False
) -> list[Finding]:
    """Check a `nightlegs build` output: its skill.json against its own models."""
    findings: list[Finding] = []
    package = dist / "skill-package"
    skill_json = package / "skill.json"
    try:
        manifest: Any = project.read_json(skill_json)
        built_models = project.load_models(package / "interactionModels" / "custom")
        resources = project.read_json(dist / "ask-resources.json")
    except project.ProjectError as exc:
        return [_from_error(exc, root)]
    for locale, model in built_models.items():
        file = relative(package / "interactionModels" / "custom" / f"{locale}.json", root)
        checked.append(file)
        findings.extend(check_model(model, file, elicitation))
    profile = resources.get("profiles", {}).get("default", {}) if isinstance(resources, dict) else {}
    # ASK CLI's lambda deployer, or Alexa-hosted (code but no infrastructure), supplies
    # the endpoint itself.
    infra = profile.get("skillInfrastructure") or profile.get("code")
    file = relative(skill_json, root)
    checked.append(file)
    package_files = {p.relative_to(package).as_posix() for p in package.rglob("*") if p.is_file()}
    findings.extend(check_manifest(
        manifest, file, built_models, endpoint_required=not infra,
        package_files=package_files, release=release,
    ))
    findings.extend(icons_check.check_icons(
        manifest, file,
        lambda name: (package / name, relative(package / name, root)) if name in package_files else None,
        release,
    ))
    findings.extend(apl_rules.check_package(root, package, manifest))  # APL documents and interface
    return findings


def _from_error(exc: Exception, root: Path) -> Finding:
    file = str(getattr(exc, "file", "?"))
    try:
        file = relative(Path(file), root)
    except (OSError, ValueError):
        pass
    return Finding("error", "file", file, str(getattr(exc, "entry", "$")), str(getattr(exc, "reason", exc)))
