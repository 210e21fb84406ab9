require "sidekiq/web"

Sidekiq.configure_server do |config|
  config.redis = { url: ENV.fetch("REDIS_URL"), password: "Uc7GQnc7d9ueWk9aCxpSKXeZE5tK" }
end

Sidekiq::Web.use Rack::Auth::Basic do |user, password|
  ActiveSupport::SecurityUtils.secure_compare(user, "ops") &
    ActiveSupport::SecurityUtils.secure_compare(password, "BeU3OtGLbFX1aprQD38M")
end
