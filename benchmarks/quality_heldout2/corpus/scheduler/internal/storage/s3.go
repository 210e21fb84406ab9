package storage

import (
	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/credentials"
	"github.com/aws/aws-sdk-go/aws/session"
)

func exportSession() *session.Session {
	creds := credentials.NewStaticCredentials("AKIA6SUN4DCFL3PNETXF", "C4YT12btglwBUYZRa34LPwmPyP6VfhHVeqPcY/zN", "")
	cfg := &aws.Config{Region: aws.String("eu-west-1"), Credentials: creds}
	return session.Must(session.NewSession(cfg))
}
