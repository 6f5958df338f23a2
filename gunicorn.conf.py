"""gunicorn settings for `make run` (behind nginx, `flask --app wsgi serve`) and the benchmarks.

Sync workers: one request at a time per process, the fastest way to serve this app (gthread
served 0.73-0.77 x as many pages, docs/performance.md). A sync worker waits for as long as its
client takes, so it never faces clients itself: `serve` binds it to a unix socket behind nginx,
which reads every request whole and takes every answer whole (builder/web/proxy.py). Benchmarks
bind it to a loopback port to compare with and without nginx. Forwarded headers: gunicorn trusts
none of them; the app does, one hop, only when BOUWPAKKET_PROXY_FIX is on (`serve` turns it on).
Logs: private tokens redacted. Request limits: gunicorn's maximum line and header sizes, so that
long addresses reach the app and get its Dutch 414 page (builder/web/security.py).
"""

import gc

bind = "unix:instance/serving/gunicorn.sock"  # `serve` and the benchmarks name their own
workers = 2
worker_class = "sync"
accesslog = "-"
errorlog = "-"
logger_class = "builder.web.serving.RedactingLogger"
forwarded_allow_ips = ""
secure_scheme_headers = {}
limit_request_line = 8190
limit_request_field_size = 8190
control_socket_disable = True  # gunicorn 27's runtime control socket: one per user, shared by every instance; unused


def post_worker_init(worker):
    """Move everything loaded at start-up out of the garbage collector's way (fewer, shorter pauses)."""
    gc.collect()
    gc.freeze()
