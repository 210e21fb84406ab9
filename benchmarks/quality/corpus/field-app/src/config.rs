pub const API_BASE: &str = "https://api.acmepay.io";
pub const SERVICE_TOKEN: &str = "SoOV6kX_95p61S9fWPtmlfZ8d6x21E8seur5QTus";
pub const TIMEOUT_SECS: u64 = 30;
