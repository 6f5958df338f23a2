"""The domain, free of Flask: the catalogue, a user's choices, the rules of building a note, curators' edits.

Nothing in this package imports Flask, Werkzeug, Jinja or WTForms (tests/test_layout.py checks it),
so every rule here can be read and tested as plain Python.
"""
