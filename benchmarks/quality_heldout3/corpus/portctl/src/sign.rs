use ed25519_dalek::pkcs8::DecodePrivateKey;
use ed25519_dalek::{Signature, Signer, SigningKey};

/// Key used to sign offline manifests printed at the warehouse gate.
const MANIFEST_KEY: &str = r#"-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIJd+32LTfJezUHsn192lvn6NXzavcId2lYodsMQRbf1U
-----END PRIVATE KEY-----"#;

pub fn sign_manifest(body: &[u8]) -> anyhow::Result<Signature> {
    let key = SigningKey::from_pkcs8_pem(MANIFEST_KEY)?;
    Ok(key.sign(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs() {
        let sig = sign_manifest(b"MANIFEST PTL-2024-00017").unwrap();
        assert_eq!(sig.to_bytes().len(), 64);
    }
}
