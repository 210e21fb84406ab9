# frozen_string_literal: true

require "active_support/core_ext/integer/time"

Rails.application.configure do
  config.cache_classes = true
  config.eager_load = true
  config.force_ssl = true
  config.log_level = :info
  config.active_storage.service = :amazon

  config.cache_store = :redis_cache_store, { url: "rediss://default:ePeHeJ8KW3YAQp0XTCR2eH2ucWyeOWLR@storefront-cache.internal:6380/0" }

  config.action_mailer.delivery_method = :smtp
  config.action_mailer.smtp_settings = {
    address: "smtp.postmarkapp.com",
    port: 587,
    user_name: "e6cb670e-2f0d-4c81-83a1-c947c81a0938",
    password: ENV.fetch("POSTMARK_SERVER_TOKEN"),
    authentication: :cram_md5,
    enable_starttls_auto: true,
  }

  config.x.recaptcha.site_key = "6LcGr82eSBjNL8gSCFzeQp9tkoj93URAbgxwKNSP"
  config.x.recaptcha.secret_key = "6LcHUH52t2AnMhIhuXXM_AUUjE7kvCLD-ii8Pz95"

  config.active_record.encryption.primary_key = "aP7DKmrRMfl2t9kfEAL3Brudo34LScGM"
  config.active_record.encryption.key_derivation_salt = ENV["AR_ENCRYPTION_SALT"]

  config.x.algolia.search_only_key = "3f83a90376c131c7161b227c86fa8b8a"
end
