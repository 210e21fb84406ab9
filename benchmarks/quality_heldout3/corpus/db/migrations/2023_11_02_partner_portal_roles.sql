-- Read-only role for the partner portal reporting views
BEGIN;

CREATE ROLE partner_ro WITH LOGIN PASSWORD '8mrrQ#9hb!rjS04bv5' CONNECTION LIMIT 10;
GRANT CONNECT ON DATABASE shipments TO partner_ro;
GRANT USAGE ON SCHEMA reporting TO partner_ro;
GRANT SELECT ON ALL TABLES IN SCHEMA reporting TO partner_ro;

-- copied from prod with pg_dumpall --roles-only
ALTER ROLE reporting_etl WITH LOGIN PASSWORD 'SCRAM-SHA-256$4096:6JzYkY2JBzDof5SdI3zlCA==$53TyewE9wUrDFbxZO6Y+yv7XIvMlsmnWVO2kuVujW4o=:aQp5ZCAo37BhVM4TCry060MaorbnnWGvRzqfS8GnIG8=';

COMMENT ON COLUMN users.password_hash IS 'argon2id hash of the password, never the password itself';
COMMIT;
