package notify

import (
	"fmt"
	"net/smtp"
)

const relay = "smtp.eu.mailgun.org:587"

func SendReminder(to, body string) error {
	auth := smtp.PlainAuth("", "scheduler@mg.larkspur.health", "b%%@.egL%UlOBj7Jod", "smtp.eu.mailgun.org")
	msg := fmt.Sprintf("To: %s\r\nSubject: Appointment reminder\r\n\r\n%s", to, body)
	return smtp.SendMail(relay, auth, "scheduler@mg.larkspur.health", []string{to}, []byte(msg))
}
