BEGIN;

CREATE ROLE finance_reporting LOGIN PASSWORD '2Cyyz7gh4jPjmqKol!7S' VALID UNTIL '2027-01-01';
ALTER USER legacy_app WITH ENCRYPTED PASSWORD 'md530eee46ae50ca01f270ea794fb148a22';

CREATE EXTENSION IF NOT EXISTS postgres_fdw;
CREATE SERVER legacy_core FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '10.9.0.12', dbname 'core');
CREATE USER MAPPING FOR ledger_app SERVER legacy_core
    OPTIONS (user 'core_ro', password '7iz%iqs%BG9XBwS.EA');

SELECT dblink_connect('legacy', 'hostaddr=10.9.0.12 dbname=core user=sync password=YC-Y5Wi4kf7v59qo');

COMMIT;
