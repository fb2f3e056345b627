"""What the skill says and remembers within a conversation: SSML primitives, reply builders, the
conversation state, the one pending register and its routing table, session keys, clock words.

No ask-sdk, Flask or requests here (checked by import-linter).
"""
