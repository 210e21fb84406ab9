from datetime import datetime

import snowflake.connector
from airflow import DAG
from airflow.models import Variable
from airflow.operators.python import PythonOperator


def export() -> None:
    conn = snowflake.connector.connect(
        user="airflow",
        password="LG*SfREWE*JgXLk7fXQ66!86",
        account="bf-analytics.eu-west-1",
    )
    s3_secret = Variable.get("s3_secret_key")
    conn.cursor().execute("COPY INTO @events_stage FROM events")
    sas = "https://bfexports.blob.core.windows.net/events?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2026-01-01T00:00:00Z&spr=https&sig=5DIO6I2xhEsQYUlcBhYpmbbfQ1DGDcXBwAtxX%2BgOCvI%3D"
    upload(sas, s3_secret)


with DAG("export_events", start_date=datetime(2024, 1, 1), schedule="@daily") as dag:
    PythonOperator(task_id="export", python_callable=export)
