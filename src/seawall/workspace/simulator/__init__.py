"""A simulated Google Workspace tenant for the demo, the tests and the benchmark: an HTTP server with the
real REST paths and response shapes (Admin SDK Directory v1, Reports v1, Cloud Identity v1 policies and
devices), pagination, an OAuth token endpoint that verifies the service account's signed assertion, and a
DNS server with the tenant's SPF, DKIM and DMARC records. It only ever writes to itself.

``python -m seawall.workspace.simulator PARENT_PID WORLD.json`` serves a world built by
:mod:`seawall.workspace.simulator.world` and prints ``READY <http port> <dns port>``.
"""
