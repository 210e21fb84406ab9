"""The Google Workspace audit: read-only, through the Admin SDK (Directory and Reports), the Cloud Identity
Policy and Devices APIs and DNS, judged per user, org unit, domain and tenant.

Layers, one way: ``api`` (the HTTP client, GET only) and ``dns`` read; ``collect`` turns their answers into
the frozen records of ``inventory``; ``checks`` are pure functions of those records; ``engine`` runs it all
into a :class:`seawall.model.ScanReport`.
"""
