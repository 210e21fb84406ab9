"""Microsoft Azure and Entra ID credentials.

Newer Azure keys are "identifiable": a fixed signature sits at a fixed offset (``+ASt`` for storage,
``ACDb`` for Cosmos DB, ``AzFu`` for Functions, ``JQQJ9`` plus a service tag for the 84-character common
annotated keys used by Azure DevOps and Azure AI services), so they are matched anywhere. Older keys are
plain base64 or hex and are only matched as values of a connection-string field or of a variable whose name
says Azure/storage/DevOps/OpenAI.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import urllib.parse

from seawall.model import Severity
from seawall.secrets.rules.base import Rule, token_rule
from seawall.secrets.validators import azure_key_ok

_ASSIGN = r"""["'`]?\]?[ \t]*(?:=>|:=|=|:|,)[ \t]*["'`]?"""

_STORAGE_REFS = (
    "https://learn.microsoft.com/azure/storage/common/storage-account-keys-manage",
    "https://learn.microsoft.com/azure/storage/common/storage-configure-connection-string",
)
_ROTATE_STORAGE = (
    "Rotate the key in the Azure portal (Storage account > Security + networking > Access keys > Rotate "
    "key, or `az storage account keys renew`), update consumers, and prefer Microsoft Entra ID with managed "
    "identities; keep any remaining connection string in Azure Key Vault."
)
_MESSAGING_REFS = (
    "https://learn.microsoft.com/azure/service-bus-messaging/service-bus-sas",
    "https://learn.microsoft.com/azure/event-hubs/authenticate-shared-access-signature",
)
_ROTATE_SAS_KEY = (
    "Regenerate the shared access policy key (portal > Shared access policies > Regenerate primary/"
    "secondary key, or `az servicebus namespace authorization-rule keys renew`), then switch clients to "
    "managed identities; keep connection strings in Azure Key Vault."
)


def _decodes_to(length: int, value: str) -> bool:
    try:
        return len(base64.b64decode(value, validate=True)) == length
    except (binascii.Error, ValueError):
        return False


def _shared_access_key_ok(key: str) -> bool:
    return _decodes_to(32, key) or _decodes_to(64, key)


def _sas_signature_ok(sig: str) -> bool:
    """A SAS ``sig`` is a URL-encoded base64 HMAC-SHA256 (32 bytes)."""
    return _decodes_to(32, urllib.parse.unquote(sig))


def _has_digit_and_letter(value: str) -> bool:
    return any(c.isdigit() for c in value) and any(c.isalpha() for c in value)


_FUNCTION_REFS = ("https://learn.microsoft.com/azure/azure-functions/function-keys-how-to",)
_ROTATE_FUNCTION_KEY = (
    "Renew the key in the portal (Function App > App keys / Function keys > Renew key value, or "
    "`az functionapp keys set`), protect HTTP functions with App Service authentication or API Management "
    "instead of shared keys, and keep keys in Azure Key Vault."
)

_ANNOTATED = r"[A-Za-z0-9]{52}JQQJ9[9D][A-Za-z0-9]{18}"

_RULES = (
    token_rule(
        "azure-storage-account-key",
        "Azure Storage / Cosmos DB account key",
        r"(?i:accountkey=|(?:azure|storage|account|cosmos)[\w.-]{0,30}?key[\w-]{0,6}" + _ASSIGN + r")"
        r"(?<![A-Za-z0-9+/])(?P<secret>[A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])",
        ("accountkey", "azure", "storage", "account", "cosmos"),
        description=(
            "An 88-character Azure Storage or Cosmos DB account key (base64 of 64 bytes), from an "
            "AccountKey= connection-string field or a variable named for it. It grants full data-plane "
            "access to the account."
        ),
        examples=(
            "AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=https;AccountName=invoicesprod;AccountKey="
            "9avM7PCcaYfgk5NF8kYP4Fa+LbIjFdW3vH1w95vqYakWkd4CARn5wxgal1KqW2QdpbXn52HK2rthkiyjhZKaxw==;"
            "EndpointSuffix=core.windows.net",
            'storage_account_key = "Kj4PNt609rB1eX3QGuTnyr7DiZXfgd9yCPh8ugf1sBBmfNALDhVwYHwSQWi+XbvCJ83q0HRXQWj'
            'noBdu1qeVNQ=="',
            "AccountEndpoint=https://orders-db.documents.azure.com:443/;AccountKey=Kj4PNt609rB1eX3QGuTnyr7DiZXfgd"
            "9yCPh8ugf1sBBmfNALDhVwYHwSQWi+XbvCJ83q0HRXQWjnoBdu1qeVNQ==;",
        ),
        counter_examples=(
            # The well-known Azurite / storage emulator key is public and not a secret.
            "AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq"
            "/K1SZFPTOtr/KBHBeksoGMGw==;",
            "AccountKey=9avM7PCcaYfgk5NF8kYP4Fa+LbIjFdW3vH1w95vqYakWkd4CARn5wxgal1KqW2QdpbXn52HK2rthkiyjhZKa==",
            "AZURE_STORAGE_KEY=$(az storage account keys list --query [0].value -o tsv)",
        ),
        remediation=_ROTATE_STORAGE,
        references=_STORAGE_REFS,
        severity=Severity.CRITICAL,
        validator=lambda key: (
            azure_key_ok(key) and not key.startswith("Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50")
        ),
        min_entropy=4.5,
    ),
    token_rule(
        "azure-storage-identifiable-key",
        "Azure Storage account key (identifiable format)",
        r"(?<![A-Za-z0-9+/])(?P<secret>[A-Za-z0-9+/]{76}\+ASt[A-Za-z0-9+/]{5}[AQgw]==)(?![A-Za-z0-9+/=])",
        ("+ast",),
        examples=(
            "key = '9XmWkELUasif/2atFHnBYGp0zrrdDhD4s3CvH2oOThvTzDPPz+aPvtsPRRAie+QayGH+soxsPKOK+ASt4lBsLQ=='",
            "AZURE_STORAGE_KEY=9XmWkELUasif/2atFHnBYGp0zrrdDhD4s3CvH2oOThvTzDPPz+aPvtsPRRAie+QayGH+soxsPKOK+ASt4lBsLQ==",
        ),
        counter_examples=(
            "key = '9XmWkELUasif/2atFHnBYGp0zrrdDhD4s3CvH2oOThvTzDPPz+aPvtsPRRAie+QayGH+soxsPKOK+ASt4lBsLX=='",
            "key = 'XmWkELUasif/2atFHnBYGp0zrrdDhD4s3CvH2oOThvTzDPPz+aPvtsPRRAie+QayGH+soxsPKOK+ASt4lBsLQ=='",
        ),
        remediation=_ROTATE_STORAGE,
        references=_STORAGE_REFS,
        severity=Severity.CRITICAL,
    ),
    token_rule(
        "azure-cosmosdb-identifiable-key",
        "Azure Cosmos DB key (identifiable format)",
        r"(?<![A-Za-z0-9+/])(?P<secret>[A-Za-z0-9+/]{76}ACDb[A-Za-z0-9+/]{5}[AQgw]==)(?![A-Za-z0-9+/=])",
        ("acdb",),
        examples=(
            'COSMOS_KEY="vBuz1F06xAYyHU6AtJQHi3jSntaIkoH2j6t5OMtzB3LklZmf5frBy5plflSrMMIyfq3QtJHmDij5ACDb+hUFfg=="',
            "new CosmosClient(endpoint, 'vBuz1F06xAYyHU6AtJQHi3jSntaIkoH2j6t5OMtzB3LklZmf5frBy5plflSrMMIyfq3QtJHmD"
            "ij5ACDb+hUFfg==')",
        ),
        counter_examples=(
            'COSMOS_KEY="vBuz1F06xAYyHU6AtJQHi3jSntaIkoH2j6t5OMtzB3LklZmf5frBy5plflSrMMIyfq3QtJHmDij5ACDb+hUFfZ=="',
            'COSMOS_KEY="vBuz1F06xAYyHU6AtJQHi3jSntaIkoH2j6t5OMtzB3LklZmf5frBy5plflSrMMIyfq3QtJHmDij5ACDb"',
        ),
        remediation=(
            "Regenerate the key in the portal (Cosmos DB account > Keys > Regenerate, or "
            "`az cosmosdb keys regenerate`), then move clients to Entra ID RBAC with managed identities; keep "
            "keys in Azure Key Vault."
        ),
        references=("https://learn.microsoft.com/azure/cosmos-db/database-security",),
        severity=Severity.CRITICAL,
    ),
    token_rule(
        "azure-messaging-identifiable-key",
        "Azure Service Bus / Event Hubs / Relay key (identifiable format)",
        r"(?<![A-Za-z0-9+/])(?P<secret>[A-Za-z0-9+/]{33}\+A(?:Sb|Eh|Rm)[A-P][A-Za-z0-9+/]{5}=)(?![A-Za-z0-9+/=])",
        ("+asb", "+aeh", "+arm"),
        examples=(
            'SERVICEBUS_KEY = "2nex58L0SeTHgzwLFQbTkSjNAcnsCk58d+ASbC5uie8="',
            "Endpoint=sb://telemetry.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey="
            "nFf4YxmajtuO7lZYFYGAc2c/Ts/Nhdyv5+AEhKHCuRA=;EntityPath=events",
        ),
        counter_examples=(
            'SERVICEBUS_KEY = "2nex58L0SeTHgzwLFQbTkSjNAcnsCk58d+ASbZ5uie8="',  # Z is not a valid checksum char
            'SERVICEBUS_KEY = "nex58L0SeTHgzwLFQbTkSjNAcnsCk58d+ASbC5uie8="',
        ),
        remediation=_ROTATE_SAS_KEY,
        references=_MESSAGING_REFS,
        severity=Severity.HIGH,
    ),
    token_rule(
        "azure-shared-access-key",
        "Azure Service Bus / Event Hubs / IoT Hub shared access key",
        r"(?i:sharedaccesskey[ \t]*=[ \t]*)(?P<secret>[A-Za-z0-9+/]{43}=|[A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])",
        ("sharedaccesskey",),
        description=(
            "The SharedAccessKey field of a Service Bus, Event Hubs, Relay or IoT Hub connection string. "
            "It signs SAS tokens with the policy's rights (send, listen or manage)."
        ),
        examples=(
            "SERVICE_BUS_CONNECTION=Endpoint=sb://orders-bus.servicebus.windows.net/;SharedAccessKeyName="
            "RootManageSharedAccessKey;SharedAccessKey=6GZpgXF1NhGEuN1xji4Yg9ohU1dxaogB+mwllabo6WY=",
            '"IoTHubConnection": "HostName=plant7.azure-devices.net;SharedAccessKeyName=iothubowner;'
            'SharedAccessKey=gcw6rBsxR0i85rahdjEGxADVgpBNPJDirEFtT34fRF8="',
        ),
        counter_examples=(
            "Endpoint=sb://orders-bus.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=<key>",
            "Endpoint=sb://orders-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;"
            "SharedAccessKey=6GZpgXF1NhGEuN1xji4Yg9ohU1dxaogB+mwllabo6W=",
        ),
        remediation=_ROTATE_SAS_KEY,
        references=_MESSAGING_REFS,
        severity=Severity.HIGH,
        validator=_shared_access_key_ok,
        min_entropy=4.0,
    ),
    token_rule(
        "azure-sas-token",
        "Azure shared access signature (SAS) token",
        r"""(?:[?&;]|^|["'\s])(?:sv|se|sp|st|sr|ss|srt|spr|skoid|sktid)=[^\s"'<>&]{1,64}&[^\s"'<>]{0,400}?"""
        r"(?<=[?&;])sig=(?P<secret>[A-Za-z0-9%+/]{40,60}(?:=|%3[Dd]){0,2})(?![A-Za-z0-9%+/=])",
        ("sig=",),
        description=(
            "A SAS token (query string with sv=/se=/sp=... and a sig= HMAC) for Azure Storage or another "
            "service. Anyone holding the URL gets its permissions until the expiry (se=)."
        ),
        examples=(
            "BLOB_URL=https://reports.blob.core.windows.net/exports/q3.csv?sv=2022-11-02&ss=b&srt=sco&sp=rl&"
            "se=2026-01-31T18:00:00Z&st=2025-01-01T10:00:00Z&spr=https&sig=VKNjz3I3VQyvgmKdpr4tvQZ80%2F%2Bh3Qvz"
            "%2FlKp3qVW%2FQ8%3D",
            'sas = "sp=racwdl&st=2025-03-01T09:00:00Z&se=2025-12-31T17:00:00Z&spr=https&sv=2022-11-02&sr=c&'
            'sig=VKNjz3I3VQyvgmKdpr4tvQZ80/+h3Qvz/lKp3qVW/Q8="',
        ),
        counter_examples=(
            "https://reports.blob.core.windows.net/exports/q3.csv?sv=2022-11-02&sp=r&sig=<signature>",
            "https://reports.blob.core.windows.net/exports/q3.csv?sv=2022-11-02&sp=r&sig=abc123",
            "https://api.example-shop.io/callback?id=42&sig=VKNjz3I3VQyvgmKdpr4tvQZ80",
        ),
        remediation=(
            "Revoke the SAS: rotate the account key that signed it (or delete/modify the stored access policy "
            "it references, or revoke user delegation keys); issue short-lived user-delegation SAS at runtime "
            "instead of committing URLs."
        ),
        references=("https://learn.microsoft.com/azure/storage/common/storage-sas-overview",),
        severity=Severity.HIGH,
        validator=_sas_signature_ok,
    ),
    token_rule(
        "azure-entra-client-secret",
        "Microsoft Entra ID (Azure AD) application client secret",
        r"(?<![A-Za-z0-9_~.-])(?P<secret>[A-Za-z0-9_~.-]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34})(?![A-Za-z0-9_~.-])",
        ("q~",),
        description=(
            "A client secret of an Entra ID app registration (the current format has 'Q~' after a version "
            "digit at position 4). With the tenant and client id it authenticates as the application."
        ),
        examples=(
            'AZURE_CLIENT_SECRET="evU8Q~fNvVqGsdfzbUCKeOJQda3AnGxQgUM_BTrr"',
            "client_secret: fOT7Q~qaVRpv4Fv6jz-5Wvrr9ot1Q9yMiMlj5",
        ),
        counter_examples=(
            'AZURE_CLIENT_SECRET="evU8Q~fNvVqGsdfzbUCKe"',
            "AZURE_CLIENT_SECRET=abc8Q~xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        ),
        remediation=(
            "Delete the secret in Entra admin center > App registrations > Certificates & secrets, add a new "
            "one (or better, use a certificate, workload identity federation or managed identity) and store "
            "it in Azure Key Vault."
        ),
        references=(
            "https://learn.microsoft.com/entra/identity-platform/how-to-add-credentials",
            "https://learn.microsoft.com/entra/identity-platform/security-best-practices-for-app-registration",
        ),
        severity=Severity.CRITICAL,
        min_entropy=3.8,
    ),
    token_rule(
        "azure-devops-pat",
        "Azure DevOps personal access token",
        rf"(?<![A-Za-z0-9])(?P<secret>{_ANNOTATED}AZDO[A-Za-z0-9]{{4}})(?![A-Za-z0-9])",
        ("jqqj9",),
        description="An 84-character Azure DevOps PAT (common annotated key format with the AZDO tag).",
        examples=(
            'AZURE_DEVOPS_EXT_PAT="f9jZHigpqgDEL9i4W3qE4E5S848r76qdC39ThrYTJKZaL1LaBQovJQQJ99BCACmPwTQiGzwHiHMhAZD'
            'Od6kE"',
            "git clone https://build:f9jZHigpqgDEL9i4W3qE4E5S848r76qdC39ThrYTJKZaL1LaBQovJQQJ99BCACmPwTQiGzwHiHMhA"
            "ZDOd6kE@dev.azure.com/contoso/app/_git/app",
        ),
        counter_examples=(
            'AZURE_DEVOPS_EXT_PAT="f9jZHigpqgDEL9i4W3qE4E5S848r76qdC39ThrYTJKZaL1LaBQovJQQJ99BCACmPwTQiGzwHiHMhAZD"',
            'AZURE_DEVOPS_EXT_PAT="$(System.AccessToken)"',
        ),
        remediation=(
            "Revoke the PAT in Azure DevOps (User settings > Personal access tokens > Revoke; org admins can "
            "revoke any user's PATs), and use Microsoft Entra tokens or service connections with workload "
            "identity federation instead."
        ),
        references=(
            "https://learn.microsoft.com/azure/devops/organizations/accounts/use-personal-access-tokens-to-authenticate",
        ),
        severity=Severity.CRITICAL,
    ),
    token_rule(
        "azure-devops-pat-legacy",
        "Azure DevOps personal access token (legacy 52-character format)",
        r"(?:(?i:azure[_.-]?devops|azdo|ado[_.-]?(?:pat|token)|vsts|dev\.azure\.com|visualstudio\.com"
        r"|devops[_.-]?(?:pat|token))[^\n]{0,80}?(?<![A-Za-z0-9])"
        r"|(?<=[:/])(?=[a-z2-7]{52}@(?:dev\.azure\.com|[\w-]{1,63}\.visualstudio\.com)))"
        r"(?P<secret>[a-z2-7]{52})(?![A-Za-z0-9])",
        # ``ado`` names a PAT only with ``pat`` or ``token`` after it: alone it is in every ``shadow`` and
        # ``uploadOptions`` of a bundle, and each occurrence costs a try at each of the lead's 117 places.
        (
            "azure",
            "azdo",
            "vsts",
            "visualstudio.com",
            "devops",
            *(f"ado{sep}{word}" for word in ("pat", "token") for sep in ("", "_", ".", "-")),
        ),
        description=(
            "A legacy 52-character base32 Azure DevOps PAT on a line that mentions Azure DevOps / VSTS / "
            "dev.azure.com."
        ),
        examples=(
            "AZURE_DEVOPS_PAT=ji4qrs3fooe6hcbydz2wxh4a5xk7yqhjjgtpfnrprs3tut7uiw66",
            "git remote add origin https://ci:iui6is3524hq7gh3oj6oroo642fr2o6upq3ppmtoihyq6vx4ovwy@dev.azure.com"
            "/contoso/web/_git/web",
        ),
        counter_examples=(
            "AZURE_DEVOPS_PAT=ji4qrs3fooe6hcbydz2wxh4a5xk7yqhjjgtpfnrprs3tut7ui",  # 49 characters
            "token = ji4qrs3fooe6hcbydz2wxh4a5xk7yqhjjgtpfnrprs3tut7uiw66",  # no Azure DevOps context
            "AZURE_DEVOPS_PAT=$(AZURE_DEVOPS_PAT)",
        ),
        remediation=(
            "Revoke the PAT in Azure DevOps (User settings > Personal access tokens > Revoke) and replace it "
            "with Microsoft Entra tokens or a pipeline secret variable / Key Vault reference."
        ),
        references=(
            "https://learn.microsoft.com/azure/devops/organizations/accounts/use-personal-access-tokens-to-authenticate",
        ),
        severity=Severity.HIGH,
        validator=_has_digit_and_letter,
        min_entropy=3.8,
    ),
    token_rule(
        "azure-cognitive-services-key",
        "Azure AI services / Azure OpenAI key",
        rf"(?<![A-Za-z0-9])(?P<secret>{_ANNOTATED}ACOG[A-Za-z0-9]{{4}})(?![A-Za-z0-9])",
        ("jqqj9",),
        description=(
            "An 84-character Azure AI services (Cognitive Services, Azure OpenAI, Speech, Vision...) key in "
            "the common annotated format with the ACOG tag."
        ),
        examples=(
            'client = AzureOpenAI(api_key="wSXbjeuOYKgM89eHvTGt9Q4Y8yFfkpBmT9F5IbuKfuQkU6g8nhMnJQQJ99BLACPeXyrHjxL'
            'Gum0GACOGAB8Y", api_version="2024-10-21")',
            "SPEECH_KEY=wSXbjeuOYKgM89eHvTGt9Q4Y8yFfkpBmT9F5IbuKfuQkU6g8nhMnJQQJ99BLACPeXyrHjxLGum0GACOGAB8Y",
        ),
        counter_examples=(
            "SPEECH_KEY=wSXbjeuOYKgM89eHvTGt9Q4Y8yFfkpBmT9F5IbuKfuQkU6g8nhMnJQQJ99BLACPeXyrHjxLGum0GACOG",
            "SPEECH_KEY=wSXbjeuOYKgM89eHvTGt9Q4Y8yFfkpBmT9F5IbuKfuQkU6g8nhMnJQQJ77BLACPeXyrHjxLGum0GACOGAB8Y",
        ),
        remediation=(
            "Regenerate the key in the portal (resource > Keys and Endpoint > Regenerate Key1/Key2, or "
            "`az cognitiveservices account keys regenerate`), and authenticate with Entra ID / managed "
            "identity or keep the key in Azure Key Vault."
        ),
        references=("https://learn.microsoft.com/azure/ai-services/authentication",),
        severity=Severity.HIGH,
    ),
    token_rule(
        "azure-annotated-key",
        "Azure service key (common annotated format)",
        rf"(?<![A-Za-z0-9])(?P<secret>{_ANNOTATED}(?!AZDO|ACOG)[A-Za-z][A-Za-z0-9]{{7}})(?![A-Za-z0-9])",
        ("jqqj9",),
        description=(
            "An 84-character key in Microsoft's common annotated security key format (Web PubSub, SignalR, "
            "Maps, API Management and other Azure services)."
        ),
        examples=(
            'const connectionString = "Endpoint=https://chat-wps.webpubsub.azure.com;AccessKey=Ba23pVSo165XrFSY7'
            '6n0Wex2DwpKXULxFrvAeaFq2cfs5degD0LLJQQJ99BAAC5RqLJXJ3w3AAAAAWPSPhuA;Version=1.0;"',
            "AZURE_MAPS_KEY=7hTq2LmZx9RfNcYpUa6sWdE0oHjB4iKlXnT8qVrGz5yMeP1wCbSdJQQJ99BGAC8kDq3vAAAAAAAAAMPSb1Xf",
        ),
        counter_examples=(
            "AZURE_MAPS_KEY=7hTq2LmZx9RfNcYpUa6sWdE0oHjB4iKlXnT8qVrGz5yMeP1wCbSdJQQJ99BGAC8kDq3vAAAAAAAAAMP",
            # Tagged Azure DevOps PATs belong to azure-devops-pat.
            "PAT=f9jZHigpqgDEL9i4W3qE4E5S848r76qdC39ThrYTJKZaL1LaBQovJQQJ99BCACmPwTQiGzwHiHMhAZDOd6kE",
        ),
        remediation=(
            "Regenerate the key on the Azure resource (its Keys / Access keys blade or `az ... keys renew`), "
            "switch clients to Entra ID with managed identities where possible, and keep keys in Azure Key "
            "Vault."
        ),
        references=("https://learn.microsoft.com/azure/key-vault/general/overview",),
        severity=Severity.HIGH,
    ),
    token_rule(
        "azure-openai-api-key",
        "Azure OpenAI / AI services key (32-hex, in context)",
        r"(?i:azure[\w.-]{0,40}?(?:key|secret|token)|openai[\w.-]{0,20}?key|cognitive[\w.-]{0,30}?key"
        r"|ocp-apim-subscription-key|azureopenai\([^\n]{0,120}?api_key|azurekeycredential\()"
        + _ASSIGN
        + r"(?<![A-Za-z0-9])(?P<secret>[a-f0-9]{32})(?![A-Za-z0-9])",
        ("azure", "openai", "cognitive", "ocp-apim-subscription-key"),
        description=(
            "A 32-hex-character Azure OpenAI / Cognitive Services key (older format) assigned to a variable "
            "or header named for Azure, OpenAI or Cognitive Services."
        ),
        examples=(
            "AZURE_OPENAI_API_KEY=8068316cc5d72150c1055330c54fda65",
            'headers = {"Ocp-Apim-Subscription-Key": "c09dda672bb821b68dd0e31c1bb16d61"}',
            'client = AzureOpenAI(azure_endpoint=endpoint, api_key="c09dda672bb821b68dd0e31c1bb16d61")',
        ),
        counter_examples=(
            "AZURE_OPENAI_API_KEY=8068316cc5d72150c1055330c54fda",  # 30 characters
            "md5 = 8068316cc5d72150c1055330c54fda65",  # no Azure context
            "AZURE_OPENAI_API_KEY=00000000000000000000000000000000",
        ),
        remediation=(
            "Regenerate the key (resource > Keys and Endpoint > Regenerate, or "
            "`az cognitiveservices account keys regenerate`), prefer Entra ID with managed identities, and "
            "keep keys in Azure Key Vault."
        ),
        references=(
            "https://learn.microsoft.com/azure/ai-services/openai/reference#authentication",
            "https://learn.microsoft.com/azure/ai-services/authentication",
        ),
        severity=Severity.HIGH,
        validator=_has_digit_and_letter,
        min_entropy=3.2,
    ),
    token_rule(
        "azure-function-key",
        "Azure Functions access key (identifiable format)",
        r"(?<![A-Za-z0-9_-])(?P<secret>[A-Za-z0-9_-]{44}AzFu[A-Za-z0-9_-]{5}[AQgw]==)(?![A-Za-z0-9_=-])",
        ("azfu",),
        description="An Azure Functions function, host or master key in the identifiable 'AzFu' format.",
        examples=(
            'FUNCTION_KEY = "Tzl08j_8V35p8ckFJor0Y76AJYxAr0l31cLrO220jEJCAzFu-rxkKw=="',
            "curl https://billing-fn.azurewebsites.net/api/Invoice?code=Tzl08j_8V35p8ckFJor0Y76AJYxAr0l31cLrO220"
            "jEJCAzFu-rxkKw==",
        ),
        counter_examples=(
            'FUNCTION_KEY = "Tzl08j_8V35p8ckFJor0Y76AJYxAr0l31cLrO220jEJCAzFu-rxkKz=="',
            'FUNCTION_KEY = "Tzl08j_8V35p8ckFJor0Y76AJYxAr0l31cLrO220jEJCAzFu"',
        ),
        remediation=_ROTATE_FUNCTION_KEY,
        references=_FUNCTION_REFS,
        severity=Severity.HIGH,
    ),
    token_rule(
        "azure-function-key-legacy",
        "Azure Functions access key (in a function URL or header)",
        r"(?:(?i:azurewebsites\.net/api/)[^\s\"'?]{0,100}\?(?:[^\s\"'&]{0,100}&){0,5}code="
        r"|(?i:x-functions-key)" + _ASSIGN + r")"
        r"(?P<secret>[A-Za-z0-9_/+-]{40,200}(?:=|%3[Dd]){0,2})(?![A-Za-z0-9_/+%=-])",
        ("azurewebsites.net", "x-functions-key"),
        description=(
            "An older Azure Functions key passed as ?code= to *.azurewebsites.net/api/... or in an "
            "x-functions-key header."
        ),
        examples=(
            "curl https://billing-fn.azurewebsites.net/api/Invoice?code=s40Zn1ZDfG7yrgkF6O8OknbiIiT-DCLpqIbX6r"
            "pmUFl8L04qqsa7XA==",
            'headers = {"x-functions-key": "s40Zn1ZDfG7yrgkF6O8OknbiIiT-DCLpqIbX6rpmUFl8L04qqsa7XA=="}',
        ),
        counter_examples=(
            "curl https://billing-fn.azurewebsites.net/api/Invoice?code=<function-key>",
            "https://billing-fn.azurewebsites.net/api/Invoice?code=abc",
            'headers = {"x-functions-key": os.environ["FUNCTION_KEY"]}',
        ),
        remediation=_ROTATE_FUNCTION_KEY,
        references=_FUNCTION_REFS,
        severity=Severity.HIGH,
        min_entropy=4.0,
    ),
)

# Context rules never span lines: run their regex only on lines holding a keyword.
_LINE_SCOPED = frozenset(
    {
        "azure-storage-account-key",
        "azure-devops-pat-legacy",
        "azure-openai-api-key",
        "azure-function-key-legacy",
        "azure-sas-token",
        "azure-shared-access-key",
    }
)
RULES: tuple[Rule, ...] = tuple(
    dataclasses.replace(r, line_scoped=True) if r.id in _LINE_SCOPED else r for r in _RULES
)
