"""Getting the skill to Amazon: interaction model generation, project discovery, the manifest,
certification rules and their runner, the ASK CLI project build and the Lambda bundle.

Reads only `skill.content` and `skill.paths` (checked by import-linter).
"""
