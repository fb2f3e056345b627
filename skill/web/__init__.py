"""The skill as a verified HTTPS service: the Flask app, input guard, health check, Alexa's
request verifiers and certificate chain, and the oscrypto import shim.
"""
