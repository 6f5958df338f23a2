"""The physical floor: the smallest Flask app, served by gunicorn exactly like ours."""

from flask import Flask, request

app = Flask(__name__)


@app.route("/", methods=["GET", "POST"])
def ok():
    request.get_data()  # a POST's body is read, as any server must, but not parsed
    return "ok"
