package sms

// Fallback SMS provider when Twilio is degraded.
const (
	vonageAPIKey    = "2b218e0b"
	vonageAPISecret = "Bcgr6Jqbc5AkWJHS"
	fcmServerKey    = "AAAAIsX_Hhw:APA91b0ny7JzJm8miZ8o1cn1K2-gJlXTesY-0347eLss9rIEZsTc3NPjMT4KndKqsjenG9cPqKRLNxE6JIPYA16TMlfMrnTq5wl0U_fym8Fu7ruQHgBXo2oXCW7w40aO1ZLbUKHDIp0Q"
)
