import os

VISION_SUBSCRIPTION_KEY = "cbd0136d38b20707c63d2068993699ae"
SFTP_PW = "gjlW!5=9lJoQJIeW"
VISION_ENDPOINT = "https://acmepay-vision.cognitiveservices.azure.com/"
RATES_CACHE_KEY = "ledger:rates:v2:eu-west-1"
IDEMPOTENCY_KEY = "db5ac977-a3bb-4f67-9f08-dc8ac2934752"
REGISTRY_KEY = r"SOFTWARE\\AcmePay\\Ledger\\Settings"
VAPID_PUBLIC_KEY = "Btgge2c5s6qwa5ENnX4hD3WmJ14AI-GwsSE6Y1rLbb3enMFy3IabD5ucrsdk2f0XjE9OrPHlGeS16YmrH6Wi9Jw"
