resource "aws_ecs_task_definition" "ntrip_health" {
  family                   = "ntrip-health"
  requires_compatibilities = ["FARGATE"]
  cpu                      = 256
  memory                   = 512
  container_definitions = jsonencode([{
    name  = "probe"
    image = "ghcr.io/furrowline/ntrip-health:1.3.0"
    environment = [
      {
        name  = "CASTER_PASSWORD"
        value = "NZvyKT05JVfn3WGU"
      },
      {
        name  = "CASTER_HOST"
        value = "caster.furrowline.io"
      }
    ]
  }])
}
