"""The rules a scan runs: built-ins, minus disabled ones, plus custom rules from the configuration."""

from __future__ import annotations

from seawall.config import Config
from seawall.errors import ConfigError
from seawall.secrets.ruleindex import RuleSet, manifest
from seawall.secrets.rules.base import Rule

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from seawall.config.rulespec import CustomRule


def custom_rule(spec: CustomRule) -> Rule:
    return Rule(
        id=spec.id,
        title=spec.title or spec.id,
        description=spec.description or f"Custom rule {spec.id} from the configuration.",
        severity=spec.severity,
        pattern=spec.pattern,
        keywords=tuple(k.lower() for k in spec.keywords),
        remediation="Follow your team's process for this kind of secret: revoke it, rotate it, remove it.",
        examples=(),
        counter_examples=(),
        min_entropy=spec.min_entropy,
        tags=("custom",),
        public_prefixes=(),  # the pattern may spell a known password: previews show nothing of it
    )


def load_rules(config: Config) -> RuleSet:
    """Built-in rules by reference (imported when a scan needs one), minus disabled, plus custom."""
    refs, signature = manifest()
    known = {r.id for r in refs}
    unknown = sorted(set(config.disable_rules) - known - {c.id for c in config.rules})
    if unknown:
        raise ConfigError(f"disable_rules names unknown rule id(s): {', '.join(unknown)}")
    clashes = sorted(known & {c.id for c in config.rules})
    if clashes:
        raise ConfigError(f"custom rule id(s) clash with built-in rules: {', '.join(clashes)}")
    disabled = set(config.disable_rules)
    custom = [custom_rule(c) for c in config.rules if c.id not in disabled]
    return RuleSet([r for r in refs if r.id not in disabled], custom, signature)
