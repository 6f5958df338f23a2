"""gunicorn settings for `make run` (and the benchmarks): loopback, logs without private tokens."""

import gc

bind = "127.0.0.1:5000"
workers = 2
accesslog = "-"
errorlog = "-"
logger_class = "builder.web.serving.RedactingLogger"


def post_worker_init(worker):
    """Move everything loaded at start-up out of the garbage collector's way (fewer, shorter pauses)."""
    gc.collect()
    gc.freeze()
