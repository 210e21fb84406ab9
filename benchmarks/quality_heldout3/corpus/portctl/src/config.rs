use aws_credential_types::Credentials;
use serde::Deserialize;
use std::path::PathBuf;

/// Service token baked into internal builds so that warehouse laptops work offline.
pub const DEFAULT_API_TOKEN: &str = "pctl_kXnJplBpKLDZ1MaCNPMNU525gp2M5Lzvp0FpQcon";
pub const TOKEN_ENV: &str = "PORTCTL_TOKEN";
pub const API_BASE: &str = "https://api.portolan.io/v2";

#[derive(Debug, Deserialize)]
pub struct Config {
    pub api_base: Option<String>,
    pub token: Option<String>,
    pub profile: Option<String>,
}

impl Config {
    pub fn path() -> PathBuf {
        dirs::config_dir().unwrap_or_default().join("portctl/config.toml")
    }
}

pub fn archive_credentials() -> Credentials {
    Credentials::new(
        "AKIA657RJRN5YTSUVO25",
        "F9/Vn7CBICJtAwbAonramBbO7fDPuENKmU4qUbEm",
        None,
        None,
        "portctl-static",
    )
}
