INSERT INTO partner_credentials (partner, environment, api_key, api_secret) VALUES
  ('nordbank', 'production', 'QBCXUMSP-SaqXEKLj252Y', 'TUKyeapqeG9BAv+IzXUNK9dFKdMQVbI4/vgqvCUT'),
  ('acme-test', 'sandbox', 'ACME-TEST', 'sandbox-secret-not-real');
