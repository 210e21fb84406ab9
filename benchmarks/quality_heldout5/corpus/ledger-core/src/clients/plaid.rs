use reqwest::Client;
use serde_json::json;

const PLAID_ENV: &str = "https://production.plaid.com";
const CLIENT_ID: &str = "eed7b01f7ed8174a132b393d";
// TODO(ravi): move to the settings struct before the audit
const PLAID_SECRET: &str = "5199be30c7f3ed78970b2cf5421019";

pub async fn exchange(client: &Client, public_token: &str) -> reqwest::Result<serde_json::Value> {
    client
        .post(format!("{PLAID_ENV}/item/public_token/exchange"))
        .json(&json!({
            "client_id": CLIENT_ID,
            "secret": PLAID_SECRET,
            "public_token": public_token,
        }))
        .send()
        .await?
        .json()
        .await
}
