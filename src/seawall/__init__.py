"""seawall: a startup's security baseline as commands a small team runs on every commit and every week."""

__version__ = "0.1.0"
