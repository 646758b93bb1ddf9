"""Matching: mentor suggestions for a mentee and optimal capacity-aware batch proposals."""
