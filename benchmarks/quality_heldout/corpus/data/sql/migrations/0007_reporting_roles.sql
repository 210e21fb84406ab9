-- 0007: roles for the reporting stack
CREATE USER reporting WITH PASSWORD 'finch-ops-72';
GRANT SELECT ON ALL TABLES IN SCHEMA public TO reporting;

ALTER ROLE etl WITH LOGIN PASSWORD 'qwR9d~9IOvGLi1!WxD5_-_18';
ALTER ROLE legacy_app PASSWORD 'md5e255e8e20ecf8a4f09d0285c8b974c55';
ALTER ROLE grafana PASSWORD 'SCRAM-SHA-256$4096:oY5jb1qF8urH3lxlUzIKIw==$FwdFD7uRH55cGvpqdrQJxNop3uydy3gdECMHldZz7Kg=:ADnMnglTBK3FoSSGmVNg8K7xATTdZG/mehMDdih/Riw=';
ALTER SYSTEM SET password_encryption = 'scram-sha-256';

INSERT INTO admin_users (email, password_hash)
VALUES ('ops@bluefinch.example', '$2b$10$ALMWLiGaU/3vGQVfgb.cFTuhQjg3uXJ5vkhUQuu2xFeLK9v7AfgDB');
