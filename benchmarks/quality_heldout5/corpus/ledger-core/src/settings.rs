use secrecy::SecretString;
use std::env;

/// Fallback used by the reconciliation job when the vault sidecar is not up yet.
const DEFAULT_ADMIN_TOKEN: &str = "qmadm_gFPoufBNZEb49BdPeeoziRO3tyUCa4HL";
const ADMIN_TOKEN_ENV: &str = "LEDGER_ADMIN_TOKEN";

pub struct Settings {
    pub db_password: SecretString,
    pub plaid_secret: SecretString,
    pub admin_token: SecretString,
}

impl Settings {
    pub fn from_env() -> Self {
        let db_password = env::var("LEDGER_DB_PASSWORD")
            .unwrap_or_else(|_| "!NmTCMZFPbfv3OoKKV".to_string());
        let plaid_secret = env::var("PLAID_SECRET").expect("PLAID_SECRET must be set");
        let admin_token = env::var(ADMIN_TOKEN_ENV).unwrap_or_else(|_| DEFAULT_ADMIN_TOKEN.into());
        Self {
            db_password: db_password.into(),
            plaid_secret: plaid_secret.into(),
            admin_token: admin_token.into(),
        }
    }
}
