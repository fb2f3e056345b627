"""What Alexa would do, offline: the resolver turns text into an intent and slots from the
generated interaction model, and the local session plays a device (`nightlegs chat`, `ask`).
"""
