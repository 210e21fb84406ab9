"""Configuration: defaults < ``.seawall.toml`` / ``pyproject.toml [tool.seawall]`` < ``SEAWALL_*`` < flags.

Resolved once by :func:`load_config` into a frozen :class:`Config` that records where each value came
from; ``seawall.config.show.describe`` renders that for ``seawall config show`` (imported there: the
pre-commit hook loads this package and never shows it). Errors are ``seawall.errors.ConfigError``.
"""

from seawall.config.discovery import CONFIG_NAME, PYPROJECT_NAME, find_config_file
from seawall.config.fields import ENV_FIELDS, ENV_RESERVED, SETTING_KEYS, parse_size
from seawall.config.loader import load_config
from seawall.config.model import Config, Setting

__all__ = [
    "CONFIG_NAME",
    "ENV_FIELDS",
    "ENV_RESERVED",
    "PYPROJECT_NAME",
    "SETTING_KEYS",
    "Config",
    "Setting",
    "find_config_file",
    "load_config",
    "parse_size",
]
