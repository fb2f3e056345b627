"""stretch"""
