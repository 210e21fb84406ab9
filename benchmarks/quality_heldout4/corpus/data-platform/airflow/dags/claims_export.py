from airflow import DAG
from airflow.hooks.base import BaseHook
from airflow.models import Variable
from airflow.providers.sftp.operators.sftp import SFTPOperator

conn = BaseHook.get_connection("sftp_clearinghouse")
pgp_pass = Variable.get("claims_export_pgp_passphrase")
AVAILITY_KEY = "kbyjtTUSCIh4v5OyLeEH02oSTBMRNaOY"

with DAG("claims_export", schedule="@daily", catchup=False) as dag:
    SFTPOperator(task_id="push", ssh_conn_id="sftp_clearinghouse", local_filepath="/tmp/837.x12", remote_filepath="/in/837.x12")
