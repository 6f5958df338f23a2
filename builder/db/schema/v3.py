"""Migrations from 0015 on (the third wave). A new migration goes at the end of this file."""

from __future__ import annotations

from .steps import Steps

STEPS = Steps()
