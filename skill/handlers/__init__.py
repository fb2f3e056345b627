"""Thin ask-sdk handlers: read the request, call the pure domain, build the response."""
