-- Roles for the analytics warehouse. Applied by migrate.sh on a fresh cluster.
BEGIN;

CREATE ROLE etl_loader LOGIN PASSWORD '4w%X5Hb8fvAj5HzTwG!#Sr';
CREATE ROLE metabase LOGIN PASSWORD 'Juniper77!';
CREATE USER looker WITH ENCRYPTED PASSWORD 'fl_iQYuaDzec+eS1d1';
ALTER ROLE dbt_cloud WITH PASSWORD 'SCRAM-SHA-256$4096:ORfW4wgW2IcuyeuSDNqTlQ==$HFLy4cPu0ky9QR+y+FBCPFBwgFrkRVzBlpVETFXo0pU=:xVpl0jkRWlSkXsDVR+IYFqJCnWdEXj1xHNlwZcFTgyc=';
CREATE ROLE readonly NOLOGIN;

GRANT CONNECT ON DATABASE analytics TO readonly;
GRANT USAGE ON SCHEMA public TO readonly;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO readonly;
GRANT readonly TO metabase, looker;

-- dashboards users (hashes copied from the old cluster)
ALTER ROLE dash_alice PASSWORD 'md57b74efa7d2718531b7944a2a63f6b9d3';
ALTER ROLE dash_bob PASSWORD 'md532a52596f3734a4c7dca52825ee562aa';

-- CI uses a throwaway container; the password here is not used anywhere else.
CREATE ROLE ci_runner LOGIN PASSWORD 'ci_runner';

COMMIT;
