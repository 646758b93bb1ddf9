"""gunicorn settings for production: `gunicorn -c deploy/gunicorn.conf.py 'mentornet.app:create_app()'`."""

import multiprocessing
import os

bind = os.environ.get("MENTORNET_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("MENTORNET_WORKERS", multiprocessing.cpu_count()))
threads = 2
timeout = 30
graceful_timeout = 30
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
# %(U)s is the path without the query string. Reset and invitation links carry their token in the
# query (/password/reset/new?token=..., /invitation?token=...), and searches carry personal words
# (?q=): none of them is logged.
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(D)sus'
forwarded_allow_ips = "127.0.0.1"
