"""The guided stretch: the routine library (content/stretches.yaml), the coach (a pure state
machine) and the SSML that paces it.
"""
