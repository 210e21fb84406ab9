"""AWS Backup per (account, region): the backup vaults (each a data store of its own: it holds copies of
the data), and, where there is a vault, the resources with at least one recovery point and when each
was last backed up (``ListProtectedResources``). The latter are not resources of their own: the engine
writes them into the backup state of the data stores they protect (``PROTECTION``) and drops them.

An endpoint that does not implement ``ListProtectedResources`` (a simulator) leaves a gap row for the
region, never a silent "not backed up"."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from seawall.aws.assets.datamap import PROTECTION
from seawall.aws.assets.listers.base import Sink, tag_dict
from seawall.aws.assets.model import Asset, Listing
from seawall.aws.collectors.base import Clients, Collector, pages


class BackupListing(Listing):
    __slots__ = ()
    label = "backup:*"


def list_backup(clients: Clients) -> BackupListing:
    sink = Sink(clients)
    backup = clients.client("backup")
    a, r = clients.account_id, clients.region
    sink.read("backup:vault", lambda: _vaults(backup, a, r))
    if any(asset.type == "backup:vault" for asset in sink.assets):
        sink.read("backup:recovery-point", lambda: _protected(backup, a, r))
    return BackupListing(tuple(sink.assets), tuple(sink.gaps))


def _vaults(backup: Any, account: str, region: str) -> Iterator[Asset]:
    for vault in pages(backup, "list_backup_vaults", "BackupVaultList"):
        vault_arn = str(vault.get("BackupVaultArn", ""))
        points = int(vault.get("NumberOfRecoveryPoints", 0))
        locked = ", locked" if vault.get("Locked") else ""
        yield Asset(
            account,
            region,
            "backup:vault",
            str(vault["BackupVaultName"]),
            arn=vault_arn,
            name=str(vault["BackupVaultName"]),
            tags=tag_dict(backup.list_tags(ResourceArn=vault_arn).get("Tags")),
            created=vault.get("CreationDate"),
            encrypted=True,  # AWS Backup encrypts every vault (AWS's key or the team's)
            kind="logically air-gapped"
            if vault.get("VaultType") == "LOGICALLY_AIR_GAPPED_BACKUP_VAULT"
            else "",
            attached=points,
            backup=f"{points} recovery point(s){locked}",
        )


def _protected(backup: Any, account: str, region: str) -> Iterator[Asset]:
    for item in pages(backup, "list_protected_resources", "Results"):
        yield Asset(
            account,
            region,
            PROTECTION,
            str(item.get("ResourceArn", "")),
            arn=str(item.get("ResourceArn", "")),
            name=str(item.get("ResourceName", "")),
            kind=str(item.get("ResourceType", "")),
            last_used=item.get("LastBackupTime"),
            default=True,
        )


COLLECTORS = (Collector(BackupListing, regional=True, collect=list_backup),)
