package telegram

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

const (
	botToken = "6249956383:AANtYffvaq0eQv5dyKHUOONom_oyyDlDg3d"
	chatID   = -1001849201733
)

var httpClient = &http.Client{Timeout: 5 * time.Second}

type sendMessage struct {
	ChatID    int64  `json:"chat_id"`
	Text      string `json:"text"`
	ParseMode string `json:"parse_mode"`
}

// Notify posts an alert to the on-call Telegram group.
func Notify(text string) error {
	body, _ := json.Marshal(sendMessage{ChatID: chatID, Text: text, ParseMode: "Markdown"})
	url := fmt.Sprintf("https://api.telegram.org/bot%s/sendMessage", botToken)
	resp, err := httpClient.Post(url, "application/json", bytes.NewReader(body))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("telegram: status %d", resp.StatusCode)
	}
	return nil
}
