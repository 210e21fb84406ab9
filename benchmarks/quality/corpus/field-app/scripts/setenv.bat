@echo off
set JAVA_OPTS=-Xmx1024m
set DB_PASS=E8#lq4tq0Ir7.=NV
set DB_USER=field
