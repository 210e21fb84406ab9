"""Kubernetes credentials: service-account tokens, kubeconfig client keys and kubeadm bootstrap tokens."""

from __future__ import annotations

import dataclasses

from seawall.model import Severity
from seawall.secrets.keyblocks import wrapped_private_pem_ok
from seawall.secrets.rules.base import Rule, token_rule
from seawall.secrets.rules.jwt import JWT_PATTERN, is_kubernetes_token, jwt_payload
from seawall.secrets.validators import jwt_ok

_REFS = (
    "https://kubernetes.io/docs/concepts/security/service-accounts/",
    "https://kubernetes.io/docs/reference/access-authn-authz/authentication/",
)


def _service_account_token_ok(token: str) -> bool:
    payload = jwt_payload(token)
    return jwt_ok(token) and payload is not None and is_kubernetes_token(payload)


def _bootstrap_token_ok(token: str) -> bool:
    return (
        token != "abcdef.0123456789abcdef"
        and any(c.isdigit() for c in token)
        and any(c.isalpha() for c in token)
    )


_RULES = (
    token_rule(
        "kubernetes-service-account-token",
        "Kubernetes service account token",
        JWT_PATTERN,
        ("eyj",),
        description=(
            "A Kubernetes service-account JWT (issuer kubernetes/serviceaccount or a projected token with "
            "kubernetes.io claims). Legacy secret-based tokens never expire and carry the account's RBAC."
        ),
        examples=(
            "token: eyJhbGciOiJSUzI1NiIsImtpZCI6IlhxM2tQIn0.eyJpc3MiOiJrdWJlcm5ldGVzL3NlcnZpY2VhY2NvdW50Iiwia3Vi"
            "ZXJuZXRlcy5pby9zZXJ2aWNlYWNjb3VudC9uYW1lc3BhY2UiOiJjaSIsImt1YmVybmV0ZXMuaW8vc2VydmljZWFjY291bnQvc2Vj"
            "cmV0Lm5hbWUiOiJkZXBsb3llci10b2tlbi03eGsycCIsImt1YmVybmV0ZXMuaW8vc2VydmljZWFjY291bnQvc2VydmljZS1hY2Nv"
            "dW50Lm5hbWUiOiJkZXBsb3llciIsInN1YiI6InN5c3RlbTpzZXJ2aWNlYWNjb3VudDpjaTpkZXBsb3llciJ9.jdJbcNgzJlJXMRpG"
            "9PZfSCsWu9GHeUXeWrIyoO2uqjw",
            'KUBE_TOKEN="eyJhbGciOiJSUzI1NiIsImtpZCI6IlhxM2tQIn0.eyJhdWQiOlsiaHR0cHM6Ly9rdWJlcm5ldGVzLmRlZmF1bHQu'
            "c3ZjIl0sImV4cCI6MTc2NzIyNTYwMCwiaXNzIjoiaHR0cHM6Ly9rdWJlcm5ldGVzLmRlZmF1bHQuc3ZjIiwia3ViZXJuZXRlcy5p"
            "byI6eyJuYW1lc3BhY2UiOiJwcm9kIiwic2VydmljZWFjY291bnQiOnsibmFtZSI6ImNpIn19LCJzdWIiOiJzeXN0ZW06c2Vydmlj"
            'ZWFjY291bnQ6cHJvZDpjaSJ9.hT876kvsfpmiQ9jWCiQUfNZRXE-80iUSPjw0QUGHcs4"',
        ),
        counter_examples=(
            # A JWT from another issuer is reported by the generic jwt rule, not this one.
            "token: eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJpc3MiOiJodHRwczovL2F1dGgudHJhZGV3aW5kLmlvIiwiYXVkIjoi"
            "YXBpIiwic3ViIjoidV84ODEyIiwiZXhwIjoxNzY3MjI1NjAwfQ.UVxLt37-adyxrV1Gfkaaysjy3eDqgO-UMN88NyyFHTA",
            "token: $(kubectl create token deployer -n ci)",
        ),
        remediation=(
            "Delete the service-account token Secret (or the ServiceAccount) so the token is invalidated, "
            "recreate it, review the account's RBAC bindings, and use short-lived projected tokens "
            "(`kubectl create token`, TokenRequest) or workload identity instead of stored tokens."
        ),
        references=_REFS,
        severity=Severity.HIGH,
        validator=_service_account_token_ok,
    ),
    token_rule(
        "kubernetes-kubeconfig-client-key",
        "Kubernetes kubeconfig client key (client-key-data)",
        r"(?i:client-key-data)[\"']?[ \t]*:[ \t]*[\"']?(?P<secret>LS0tLS1CRUdJTi[A-Za-z0-9+/]{100,}={0,2})",
        ("client-key-data",),
        description=(
            "A kubeconfig user's base64-encoded private key (client-key-data); with client-certificate-data it "
            "authenticates to the API server as that user, often cluster-admin."
        ),
        examples=(
            "    client-key-data: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpNSUlFcEFJQkFBS0NBUUVBZUR2MkhNZWR1SEtp"
            "TTVkV0ZZWFg1QzRNYXJ2WS9Sdk5UZHlQYkcxbG1YK0wrMS9LCm5aRXJaaUJ4R2RtUGk2TWZTTGR3Sm4wWWMyTFJYN2RGM3E0V2pC"
            "b0ZUMkN0cW1Cd2F6b1NkSDhvcXFmOWdJQ3IKeVJIU2dYQ2E2VWVnSTNsOFFQTWJvS0RSSjZKbnNtMmtEdjA9Ci0tLS0tRU5EIFJT"
            "QSBQUklWQVRFIEtFWS0tLS0tCg==",
            '"client-key-data": "LS0tLS1CRUdJTiBFQyBQUklWQVRFIEtFWS0tLS0tCk1IY0NBUUVFSU5JelpLNU10NVhGaXRlSzdtUS9R'
            "cUdyUXpVbXJlQUtkbFduV1ZKRnFRRG5nTzAvSTBpdnJ4NnYKUjFNK2plNUg3MVI1SGtJbS9kblRnRnRPSUl5dzd3RExtblgxOWxU"
            'SllBQXg2eVhXVmlXbStta0QzM2VrOTQzMgpLdz09Ci0tLS0tRU5EIEVDIFBSSVZBVEUgS0VZLS0tLS0K"',
        ),
        counter_examples=(
            "    client-key-data: REDACTED",
            # Certificates are public.
            "    client-certificate-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSURJVENDQWdtZ0F3SUJBZ0lJYk9hZ"
            "FhLQnZ6dFF3RFFZSktvWklodmNOQVFFTEJRQXdGVEVUTUJFR0ExVUUKQXhNS2EzVmlaWEp1WlhSbGN6QWVGdzB5TkRBeE1ERXdN",
            "    client-key-data: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQouLi4KLS0tLS1FTkQgUlNBIFBSSVZBVEUgS0V"
            "ZLS0tLS0KCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoK",
        ),
        remediation=(
            "Kubernetes cannot revoke a client certificate: rotate the cluster CA or remove the user's RBAC "
            "bindings (for managed clusters rotate credentials, e.g. `az aks rotate-certs`), issue a new "
            "kubeconfig, and prefer OIDC / cloud IAM authentication; never commit kubeconfig files."
        ),
        references=(
            *_REFS,
            "https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/",
        ),
        severity=Severity.CRITICAL,
        validator=wrapped_private_pem_ok,
    ),
    token_rule(
        "kubernetes-bootstrap-token",
        "Kubernetes bootstrap token",
        r"(?:(?i:kubeadm)[^\n]{0,200}?--(?:discovery-)?token[ =]|(?i:bootstrap[_-]?token)[\w-]{0,10}[\"']?[ \t]*"
        r"[:=][ \t]*[\"']?)(?P<secret>[a-z0-9]{6}\.[a-z0-9]{16})(?![A-Za-z0-9])",
        ("kubeadm", "bootstrap"),
        description="A kubeadm bootstrap token (id.secret); it lets a machine join the cluster until it expires.",
        examples=(
            "kubeadm join 10.0.0.10:6443 --token 9q3693.9srussttdmrc3n3t --discovery-token-ca-cert-hash sha256:"
            "4f1c0d7e5b2a",
            "bootstrap_token: 9q3693.9srussttdmrc3n3t",
        ),
        counter_examples=(
            "kubeadm join 10.0.0.10:6443 --token abcdef.0123456789abcdef",  # kubeadm documentation value
            "kubeadm join 10.0.0.10:6443 --token $(kubeadm token create)",
        ),
        remediation=(
            "Delete the token (`kubeadm token delete <id>`), create short-lived tokens only when joining "
            "nodes, and keep join commands out of repositories."
        ),
        references=("https://kubernetes.io/docs/reference/access-authn-authz/bootstrap-tokens/",),
        severity=Severity.HIGH,
        validator=_bootstrap_token_ok,
    ),
)

# Context rules never span lines: run their regex only on lines holding a keyword.
_LINE_SCOPED = frozenset({"kubernetes-bootstrap-token"})
RULES: tuple[Rule, ...] = tuple(
    dataclasses.replace(r, line_scoped=True) if r.id in _LINE_SCOPED else r for r in _RULES
)
