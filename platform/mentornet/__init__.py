"""Mentornet: a multi-tenant platform for volunteer one-to-one mentor networks."""

__version__ = "0.1.0"
