"""Signals of the mentorships module (blinker): it sends none yet, and listens to these."""

from mentornet.modules.mentorships.outcomes import record_intake_outcome
from mentornet.modules.profiles.signals import profile_applied

#: (signal, receiver) pairs that create_app connects (configure_signals).
RECEIVERS = ((profile_applied, record_intake_outcome),)
