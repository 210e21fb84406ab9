CREATE USER 'grafana'@'%' IDENTIFIED BY 's1l03RQObgz4!VA9Z2Gme-86';
GRANT SELECT ON telemetry.* TO 'grafana'@'%';
CREATE USER 'replicator'@'10.%' IDENTIFIED BY 'BlizzardBlizzard62!';
CREATE USER 'readonly'@'%' IDENTIFIED BY '<password>';
