"""Views of the profiles module, split by audience: the public, members, staff, the API."""
