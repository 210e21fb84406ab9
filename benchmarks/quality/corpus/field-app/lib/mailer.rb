ActionMailer::Base.smtp_settings = {
  address: "smtp.mailgun.org",
  port: 587,
  user_name: "postmaster@mg.acmepay.io",
  password: 'W6ZvS+%TuZx5p-lhDWJ9',
  authentication: :plain
}
