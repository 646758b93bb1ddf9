"""The events' pages: the staff's (staff.py) and the members' (member.py)."""
