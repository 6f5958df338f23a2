"""The physical floor: the smallest Flask app, served by gunicorn exactly like ours."""

from flask import Flask

app = Flask(__name__)


@app.route("/", methods=["GET", "POST"])
def ok():
    return "ok"
