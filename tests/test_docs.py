"""The README and docs/ are what a newcomer follows: every file or folder they name is
there, every relative link lands on a file and heading that exist, and the README's
transcript is what the skill says today."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest

from skill.simulator.session import LocalSession

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
# Top-level folders and files of the repository; a backticked name that starts with one
# of these is a path the reader is told to open or run.
TOP = ("skill/", "tests/", "content/", "interaction_model/", "lambda/", "deploy/", "docs/",
       "bench/", "assets/", "requirements/", ".ci/")
TOP_FILES = {"template.yaml", "samconfig.toml", "Containerfile", "pyproject.toml", "LICENSE",
             "setup.py", "MANIFEST.in", "conftest.py", ".containerignore", ".dockerignore", "README.md"}
_CODE = re.compile(r"`([^`\n]+)`")
_LINK = re.compile(r"\]\(([^)\s]+)\)")


def named_paths(text: str) -> set[str]:
    found: set[str] = set()
    for span in _CODE.findall(text):
        for word in span.split():
            word = word.strip("'\",;:()")
            if word.startswith("./"):
                word = word[2:]
            if any(mark in word for mark in ("<", ">", "*", "{", "…", "$", "|")):
                continue
            if word.startswith(TOP) or word in TOP_FILES:
                # "file.py:149" names file.py (a line in it)
                found.add(re.sub(r":\d+$", "", word.split("::")[0].split("#")[0].rstrip(".")))
    return found


def slug(heading: str) -> str:
    """GitHub's anchor for a heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower().replace("`", ""))
    return text.replace(" ", "-")


def anchors(page: Path) -> set[str]:
    lines = page.read_text(encoding="utf-8").split("\n")
    headings, fenced = set(), False
    for line in lines:
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and line.startswith("#"):
            headings.add(slug(line.lstrip("#")))
    return headings


@pytest.mark.parametrize("page", PAGES, ids=[p.relative_to(ROOT).as_posix() for p in PAGES])
def test_every_path_a_page_names_exists(page: Path) -> None:
    missing = sorted(p for p in named_paths(page.read_text(encoding="utf-8")) if not (ROOT / p).exists())
    assert not missing, f"{page.relative_to(ROOT)} names paths that are not in the repository: {missing}"


@pytest.mark.parametrize("page", PAGES, ids=[p.relative_to(ROOT).as_posix() for p in PAGES])
def test_every_relative_link_lands_on_a_file_and_heading(page: Path) -> None:
    broken = []
    for target in _LINK.findall(page.read_text(encoding="utf-8")):
        if re.match(r"^[a-z]+:", target):
            continue
        file, _, anchor = target.partition("#")
        if file.endswith(".html") and page.parent.name == "docs":
            file = file[: -len(".html")] + ".md"  # GitHub Pages serves docs/x.md as x.html
        landed = (page.parent / file).resolve() if file else page
        if not landed.exists():
            broken.append(target)
        elif anchor and landed.suffix == ".md" and anchor not in anchors(landed):
            broken.append(target)
    assert not broken, f"{page.relative_to(ROOT)}: broken links {broken}"


def test_the_path_finder_sees_what_a_reader_sees() -> None:
    text = "run `deploy/sam-deploy.sh --x`, open `tests/ship/test_x.py::test_y` and `dist/lambda.zip`"
    assert named_paths(text) == {"deploy/sam-deploy.sh", "tests/ship/test_x.py"}


def test_the_readme_transcript_is_what_the_skill_says() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```text\n(you> Alexa, ask night legs.*?)```", text, flags=re.S)
    assert block, "the README shows one conversation"
    lines = block.group(1).strip().splitlines()
    said = [line[len("you> "):] for line in lines if line.startswith("you> ")]
    # a newcomer: a user with nothing remembered, as `nightlegs ask` is on a fresh machine
    session = LocalSession("en-US", user_id=f"amzn1.ask.account.readme-{uuid.uuid4().hex}")
    heard = [f"alexa> {session.say(utterance).speech}" for utterance in said]
    assert heard == [line for line in lines if line.startswith("alexa> ")]


def test_every_deploy_route_in_the_readme_names_its_test_or_says_it_is_untested() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = text[text.index("## Deploy routes"):].split("\n## ", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| ") and not line.startswith(("| route", "|---"))]
    assert len(rows) >= 5
    for row in rows:
        status = row.rstrip(" |").rsplit(" | ", 1)[1]
        tests = [p for p in named_paths(status) if p.startswith("tests/")]
        assert tests or "untested" in status or "not tested" in status, row
        assert all((ROOT / p).exists() for p in tests), row
