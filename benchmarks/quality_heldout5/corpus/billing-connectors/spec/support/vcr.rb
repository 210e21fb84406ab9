VCR.configure do |c|
  c.cassette_library_dir = "spec/cassettes"
  c.filter_sensitive_data("<STRIPE_KEY>") { ENV["STRIPE_SECRET_KEY"] }
  c.filter_sensitive_data("<MOLLIE_KEY>") { ENV["MOLLIE_API_KEY"] }
end
