Rails.application.config.session_store :cookie_store,
  key: "_larkspur_admin_session",
  secure: Rails.env.production?,
  same_site: :strict
