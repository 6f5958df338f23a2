"""gunicorn settings for `make run`: loopback only, logs to the terminal without private tokens."""

bind = "127.0.0.1:5000"
workers = 2
accesslog = "-"
errorlog = "-"
logger_class = "builder.serving.RedactingLogger"
