"""Night Legs: an Alexa skill for legs that go numb, tingle or will not keep still at night."""

__version__ = "0.1.0"
