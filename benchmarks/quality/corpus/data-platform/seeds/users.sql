INSERT INTO admin_users (email, password_hash, role) VALUES
  ('ops@acmepay.io', '$2b$12$7frzko9LfJf6cyUh/VyGDax9onsdoZ2S3T.1n48l48fn7l35E7Udt', 'admin'),
  ('qa@acmepay.io', '$argon2id$v=19$m=65536,t=3,p=4$yNR0RwiRAIAFyyURCdHk8A$RbkQv9OHYaipPMgdGgQYX/KLjbjTFlpqT9RSL2YkOkg', 'viewer');
