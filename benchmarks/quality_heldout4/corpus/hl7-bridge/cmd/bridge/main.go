package main

import (
	"log"

	"github.com/pkg/sftp"
	"golang.org/x/crypto/ssh"
)

func main() {
	cfg := &ssh.ClientConfig{
		User: "mcare_drop",
		Auth: []ssh.AuthMethod{
			ssh.Password("SbI8LahL7ybCD43tvIZb"),
		},
		HostKeyCallback: ssh.FixedHostKey(hostKey),
	}
	conn, err := ssh.Dial("tcp", "sftp.labcorp-partner.example:22", cfg)
	if err != nil {
		log.Fatalf("dial: %v", err)
	}
	client, _ := sftp.NewClient(conn)
	defer client.Close()
	log.Printf("connected, request id %s", "09bbcf82-c1cf-4423-98ab-563cb31818bc")
}
