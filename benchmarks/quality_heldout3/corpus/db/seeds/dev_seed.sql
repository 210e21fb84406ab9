-- Seed data for staging. Run with: psql -f db/seeds/dev_seed.sql
INSERT INTO users (email, full_name, password_hash, role) VALUES
    ('ops@portolan.io', 'Ops Bot', '$argon2id$v=19$m=65536,t=3,p=4$8QHieyXW3+5YGRW8dW1+Lw$YT2YYaF2B3DoGrmtM/em4gfEnEoEYQo38mo2UMdYBqA', 'admin'),
    ('amara@portolan.io', 'Amara Okafor', '$argon2id$v=19$m=65536,t=3,p=4$bH9gliUh/8DhRXf4FIHgBw$0D+x7jomGweFpFuRcpybnA1rMDxKSJe3HISboujMvyw', 'dispatcher'),
    ('jonas@portolan.io', 'Jonas Weber', '$2b$12$CvVK292i8t/FCaP8c9NtUG.iE3z673N3kn.3oqsr6T8QghrzOP73P', 'sales');

INSERT INTO integrations (provider, account, api_key, enabled) VALUES
    ('project44', 'portolan-eu', 'pJtKaeKQFVpGSTjyEzfsNPVDc7FItaxa', true),
    ('freightos', 'portolan', NULL, false),
    ('flexport', 'portolan-sandbox', 'REPLACE_ME', false);

INSERT INTO feature_flags (name, value) VALUES ('password_rotation_days', '90');
