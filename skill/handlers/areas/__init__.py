"""Conversation areas: one module each (safety, care, builtin, conversation, info, memory,
reminders, routine, stretch). Areas import the shared helpers, never each other."""
