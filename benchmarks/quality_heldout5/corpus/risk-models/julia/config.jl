module RiskConfig

const API_BASE = "https://bureau.example-credit.net/v4"
const API_TOKEN = get(ENV, "BUREAU_API_TOKEN", "oye7OHvVHDKxKrkbCbhSE2slMUXp8Qfu5oBoyK9fdBCMBS8m")
const TIMEOUT_S = 30
const PASSWORD_MIN_LENGTH = 12

end
