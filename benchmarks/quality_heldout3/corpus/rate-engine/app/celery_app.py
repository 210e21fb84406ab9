from celery import Celery
from kombu import Queue

app = Celery("rate_engine")
app.conf.update(
    broker_url="amqp://rates:S17MwxpY9lX8i.sra4@rabbit.internal.portolan.io:5672/rates",
    result_backend="redis://:rsMBhpgGj0-4Iei1i3SfSz~s4k@rates-redis.internal.portolan.io:6379/1",
    task_serializer="json",
    accept_content=["json"],
    task_queues=[Queue("quotes"), Queue("backfill")],
    task_default_queue="quotes",
    worker_prefetch_multiplier=1,
    broker_connection_retry_on_startup=True,
)
app.autodiscover_tasks(["app.workers"])
