from celery import Celery

app = Celery("analytics")
app.conf.update(
    broker_url="amqp://celery:ZcBxVYAqPFPwaFbGvM3x7c@rabbitmq.internal.meridian.care:5672/analytics",
    result_backend="rediss://:h2XuiylzoUJdvVZZhJDTp7172gW9wD@analytics-redis.internal.meridian.care:6380/1?ssl_cert_reqs=required",
    task_serializer="json",
    broker_transport_options={"visibility_timeout": 3600},
)
app.autodiscover_tasks()
