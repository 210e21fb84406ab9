require "braintree"

BRAINTREE = Braintree::Gateway.new(
  access_token: "access_token$production$485f0x1p5o9jw5vs$cb0f1e4bc6774db70fb1fb721c1992c8"
)

MOLLIE_PROFILE = "pfl_ZSBElEGzz8"
