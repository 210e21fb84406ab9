"""Advisories in the OSV format: records, the offline export (``<Ecosystem>/all.zip``) with its index,
and the online OSV API."""
