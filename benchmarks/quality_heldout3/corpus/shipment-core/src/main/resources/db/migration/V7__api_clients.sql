-- V7: API clients for partner integrations.
-- Keys are shown once at creation; only the SHA-256 of the key is stored.
CREATE TABLE api_clients (
    id          uuid PRIMARY KEY,
    name        text        NOT NULL,
    key_prefix  varchar(8)  NOT NULL,
    key_hash    char(64)    NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

INSERT INTO api_clients (id, name, key_prefix, key_hash) VALUES
    ('1e9a7bd8-a285-4ed3-85a0-363e20467726', 'kuehne-nagel-edi', 'pk_a81c', 'b2f5729de991512e20211de2c2e0c1067d58d801b9a5d2f6452ea84741b2dfc9'),
    ('0d457f12-1fa7-423f-9edc-bae0ba455586', 'dhl-global-forwarding', 'pk_39fe', 'f24f05329844e0f23ec218480a3c072cb79e8e3596d7cf7d53c4df1acfbc9dac'),
    ('91c72890-7d4c-4bce-a673-ee45f9667f24', 'flexport-sandbox', 'pk_77d0', '376f947260379e52d5bd4d03dc76d3e72ede1be1c7df0a64a66f959d346194ef');

-- Legacy tokens, still read by customer-portal until PORT-1193 ships.
CREATE TABLE legacy_partner_tokens (
    partner text PRIMARY KEY,
    token   text NOT NULL
);
INSERT INTO legacy_partner_tokens (partner, token) VALUES ('kuehne-nagel-edi', 'TsulRGvERlRi1u8QjGKXoe7Z6jCuJDp6');
