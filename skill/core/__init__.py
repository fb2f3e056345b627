"""The pure decisions: what was said, red flags, causes and remedies, the next question, the turn's decision.

No ask-sdk, Flask or requests here (checked by import-linter).
"""
