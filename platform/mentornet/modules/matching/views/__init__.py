"""Views of the matching module: the coordinators' console and the members' browsing."""
