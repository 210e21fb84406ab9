use std::env;

/// Runtime settings for the matchmaker.
pub struct Settings {
    pub redis_url: String,
    pub jwt_secret: String,
    pub steam_api_key: String,
    pub admin_password: String,
}

const DEFAULT_JWT_SECRET: &str = "ny6epHZYkOD5SFXQ0XhAMDXJqMRmjcj0akI8+dMwpUlNFM8aTMNGNjwjQDgA2fSt";
const STEAM_WEB_API_KEY: &str = "BD718B8C764D1C0ACB3DEA13519A60A0";
const MIGRATIONS_CHECKSUM: &str = "77bbd142880e8427abeec12975fd55911ea2cbd390b656a4d2bad821df997d52";

impl Settings {
    pub fn from_env() -> Self {
        Settings {
            redis_url: env::var("REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".into()),
            jwt_secret: env::var("JWT_SECRET").unwrap_or_else(|_| DEFAULT_JWT_SECRET.into()),
            steam_api_key: env::var("STEAM_API_KEY").unwrap_or_else(|_| STEAM_WEB_API_KEY.into()),
            admin_password: env::var("MM_ADMIN_PASSWORD").expect("MM_ADMIN_PASSWORD"),
        }
    }
}

pub fn verify_admin(password: &str, expected: &str) -> bool {
    constant_time_eq(password.as_bytes(), expected.as_bytes())
}

#[cfg(test)]
mod tests {
    const TEST_PASSWORD: &str = "test_password_123";

    #[test]
    fn rejects_wrong_password() {
        assert!(!super::verify_admin("nope", TEST_PASSWORD));
    }
}
