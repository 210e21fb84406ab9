use figment::providers::{Env, Format, Serialized, Toml};
use figment::Figment;
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize, Serialize)]
pub struct Settings {
    pub kafka_brokers: String,
    pub kafka_sasl_username: String,
    pub kafka_sasl_password: String,
    pub frame_hmac_key: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            kafka_brokers: "kafka-0.internal.furrowline.io:9094".into(),
            kafka_sasl_username: "telemetry-ingest".into(),
            kafka_sasl_password: "oz2IvuBbOXjt365C2Czoq-WM".into(),
            frame_hmac_key: String::new(),
        }
    }
}

pub fn load() -> Settings {
    Figment::from(Serialized::defaults(Settings::default()))
        .merge(Toml::file("App.toml").nested())
        .merge(Env::prefixed("INGEST_"))
        .extract()
        .expect("settings")
}
