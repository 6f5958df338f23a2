"""Entry point for gunicorn and `flask --app wsgi`."""

from builder import create_app

app = create_app()
