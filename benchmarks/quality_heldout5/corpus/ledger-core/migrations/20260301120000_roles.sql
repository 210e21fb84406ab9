-- roles for the read replica consumers
CREATE ROLE ledger_reporting LOGIN PASSWORD 'CPibnnlD5VsG.O3yWX1Q';
GRANT pg_read_all_data TO ledger_reporting;

-- copied from the old cluster, already hashed
ALTER ROLE ledger_app PASSWORD 'SCRAM-SHA-256$4096:luctXbf0Ow8wYfrHMoBb1A==$MYBN+cq6fKCnJ6ORGkypfpR8Q4jFoAbnvvQ+lRWE5Ro=:ir2/oRJdMwnbQFZk/GEFHeH6UzyDaZgq5G0qiLXQbDs=';
