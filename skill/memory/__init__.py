"""Opt-in memory: what is kept (policy), this session's memory facts, the spoken text, the
stores (SQLite, DynamoDB) with their fault guard and merge, and salted user keys.
"""
