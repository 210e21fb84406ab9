"""The cloud resource a finding is about (AWS, Google Workspace). Findings of file scans have none."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CloudResource:
    """The cloud resource a finding is about: its account, region and identifier."""

    account_id: str
    region: str
    resource_id: str
