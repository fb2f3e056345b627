"""Packaging hook: the wheel carries the skill's data folders.

`content/`, `interaction_model/`, the store icons and the Lambda entry point stay at the top of the
repository (where people edit them); `build_py` copies them into the built package as
`skill/_data/`, where `skill.paths` finds them when the package is installed from a
wheel (`pip install .`, `pipx install .`). Everything else is in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
# (folder in the repository, files to take) -> skill/_data/<folder>
DATA = {
    "content": ("**/*.yaml", "**/*.json"),
    "interaction_model": ("*.json", "validate.yaml", "source/**/*.yaml"),
    # requirements.lock: the pinned, hashed dependencies `nightlegs build` installs into
    # the Lambda bundle and the Alexa-hosted requirements.txt (without it an installed
    # nightlegs cannot build).
    "lambda": ("lambda_function.py", "requirements.txt", "requirements.lock"),
    "assets": ("icons/*.png",),
}


class BuildPyWithData(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install reads the checkout itself
            return
        target = Path(self.build_lib) / "skill" / "_data"
        shutil.rmtree(target, ignore_errors=True)
        missing = [folder for folder in DATA if not (HERE / folder).is_dir()]
        if missing:  # a wheel without them installs a nightlegs that cannot answer
            raise SystemExit(f"setup.py: {', '.join(missing)} not found beside setup.py")
        for folder, patterns in DATA.items():
            for pattern in patterns:
                for path in sorted((HERE / folder).glob(pattern)):
                    if path.is_file() and "__pycache__" not in path.parts:
                        dest = target / path.relative_to(HERE)
                        dest.parent.mkdir(parents=True, exist_ok=True)
                        shutil.copyfile(path, dest)


setup(cmdclass={"build_py": BuildPyWithData})
