"""Secrets inserted by SQL statements that name their columns (seeds, fixtures, dumps): each row's
quoted value in a password, key or token column, and nothing from other columns, placeholders, hashes
or rows that are not literals. Real files scanned with ``scan()`` on both engines."""

from __future__ import annotations

from pathlib import Path

import pytest

from seawall.secrets.engines import hyperscan_available
from tests.secrets.structured import scanned

ENGINES = ["python", *(["hyperscan"] if hyperscan_available() else [])]

SEED = """-- users for the staging environment
INSERT INTO public.users (
  id,
  email,
  "password",
  created_at
) VALUES
  (1, 'ops@acme.io', 'Tq8#vLx2!pRz9m', NOW),
  (2, 'o''brien@acme.io', 'N7rTq2wZ8s!k', NULL),
  (3, 'demo@acme.io', 'changeme', NULL);

INSERT INTO integrations (name, api_token) VALUES ('stripe', 'q8Vx2LmN7rTz4KbW9pYcR3dF6gH1jK5s');
INSERT INTO users (email, password_hash) VALUES ('x@acme.io', 'Xk9mQ2vLpz7Wn2Rt5Yb9Cd4Fg6Hj1Kl0');
INSERT INTO users (email, password) VALUES (%s, %s);
INSERT INTO users (email, password) VALUES ('y@acme.io', crypt('Pw7!kQ2xLm9v', gen_salt('bf')));
"""


@pytest.mark.parametrize("engine", ENGINES)
def test_each_rows_value_in_a_secret_column_is_found(tmp_path: Path, engine: str) -> None:
    found = [
        (f.rule_id, f.location.line if f.location else 0, f.secret)
        for f in scanned(tmp_path, "db/seed.sql", SEED, engine)
    ]
    inserted = [(line, secret) for rule, line, secret in found if rule == "sql-insert-secret-column"]
    # Column lists over lines, a quote escaped by doubling it, several rows; not the stand-in
    # 'changeme', not a hash column, not parameters, not a row holding a call.
    assert inserted == [(8, "Tq8#vLx2!pRz9m"), (9, "N7rTq2wZ8s!k"), (12, "q8Vx2LmN7rTz4KbW9pYcR3dF6gH1jK5s")]


def test_a_statement_in_code_is_read_as_in_a_seed_file(tmp_path: Path) -> None:
    code = "cur.execute(\"INSERT INTO users (email, password) VALUES ('ops@acme.io', 'Tq8#vLx2!pRz9m')\")\n"
    assert [f.secret for f in scanned(tmp_path, "seed.py", code)] == ["Tq8#vLx2!pRz9m"]
