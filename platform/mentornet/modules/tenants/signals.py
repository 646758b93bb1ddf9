"""Signals of the tenants module (blinker)."""

from blinker import Namespace

_signals = Namespace()

#: Sent with the tenant when its host names change; resolvers drop their cached host map.
tenant_hosts_changed = _signals.signal("tenant-hosts-changed")
