from datetime import datetime

from airflow import DAG
from airflow.hooks.base import BaseHook
from airflow.models import Variable
from airflow.providers.sftp.operators.sftp import SFTPOperator
from airflow.providers.ssh.hooks.ssh import SSHHook
from airflow.providers.snowflake.operators.snowflake import SnowflakeOperator

snowflake = BaseHook.get_connection("snowflake_lake")
api_token = Variable.get("lake_api_token")

customs_ssh = SSHHook(
    remote_host="sftp.customs-broker.example.net",
    username="portolan",
    password="Summer2019$",
    port=22,
)

with DAG("lake_export", start_date=datetime(2024, 1, 1), schedule="0 3 * * *", catchup=False) as dag:
    load = SnowflakeOperator(
        task_id="load_events",
        snowflake_conn_id="snowflake_lake",
        sql="CALL ANALYTICS.PUBLIC.LOAD_EVENTS()",
    )
    ship = SFTPOperator(
        task_id="ship_customs_report",
        ssh_hook=customs_ssh,
        local_filepath="/tmp/customs_{{ ds }}.csv",
        remote_filepath="/inbound/portolan_{{ ds }}.csv",
    )
    load >> ship
