"""Held-out quality corpus 4 (Meridian Care); see README.md."""
