//! Nightly reconciliation against the partner bank's statement API.
use hex_literal::hex;

static STATEMENT_KEY: [u8; 32] = hex!("cf0690878c09d6fee0bcafbb1eda214d1615129023e4881f668b7402fcca169f");

static BANK_CLIENT_KEY: &str = r#"-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIB+Xrb7jYLOkaQakvSe1pEQJtx6DQGzH4T8pM0CHYHXCoAoGCCqGSM49
AwEHoUQDQgAEAUSBiGCpgLsWVQb6i5uMjiqrswrRx4pVOQn8QZJWB4yEplNQmhqr
xhRprPijdZSMscGjDRxXCu+BhiCaFjP++Q==
-----END EC PRIVATE KEY-----"#;

fn main() {
    let commit = "5575482f7b727dba5252e54326ac99ea9b9edd6d";
    println!("reconcile {commit}");
    let _ = (&STATEMENT_KEY, BANK_CLIENT_KEY);
}
