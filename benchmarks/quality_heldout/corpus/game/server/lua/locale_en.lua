return {
  login_title = "Sign in",
  password = "Password",
  forgot_password = "Forgot your password?",
  api_key_label = "API key",
  token_expired = "Your session token has expired",
}
