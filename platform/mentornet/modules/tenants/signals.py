"""Signals of the tenants module (blinker)."""

from blinker import Namespace

_signals = Namespace()

#: Sent with the tenant when its host names change; resolvers drop their cached host map.
tenant_hosts_changed = _signals.signal("tenant-hosts-changed")

#: Asked before a settings change removes goal or question keys: sender is the session (bound to
#: the network); kwargs kind ("goal" or "question") and keys (a set). Each module that stores such
#: keys answers {key: number of its records that use it}. A key in use can be retired, not removed.
settings_keys_in_use = _signals.signal("settings-keys-in-use")
