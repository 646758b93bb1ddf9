"""Views of the mentorships module."""
