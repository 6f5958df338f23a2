"""gunicorn settings for `make run` (and the benchmarks): loopback, logs without private tokens.

Threads: a client that sends its headers slowly holds one thread, not a whole worker, so others
are still served (a buffering reverse proxy in front is still required in production, see
docs/operations.md). Forwarded headers: gunicorn trusts none of them; the app does, one hop,
only when BOUWPAKKET_PROXY_FIX is on. Request limits: gunicorn's maximum line and header sizes,
so that long addresses reach the app and get its Dutch 414 page (builder/web/security.py).
"""

import gc

bind = "127.0.0.1:5000"
workers = 2
worker_class = "gthread"
threads = 8
accesslog = "-"
errorlog = "-"
logger_class = "builder.web.serving.RedactingLogger"
forwarded_allow_ips = ""
secure_scheme_headers = {}
limit_request_line = 8190
limit_request_field_size = 8190


def post_worker_init(worker):
    """Move everything loaded at start-up out of the garbage collector's way (fewer, shorter pauses)."""
    gc.collect()
    gc.freeze()
