"""Information meetings, workshops and social events: registrations, waiting lists, attendance."""
