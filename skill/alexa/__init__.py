"""ask-sdk adapters: the skill builder subclass that survives a missing context, and the API client with timeouts.
"""
