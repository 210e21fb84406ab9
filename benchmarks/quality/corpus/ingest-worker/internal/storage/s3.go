package storage

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// archiveBucket receives raw event batches for replay.
const archiveBucketARN = "arn:aws:s3:::acmepay-events-archive"

// NewArchiver builds an S3 client for the archive account. The archive account lives in a
// separate AWS organization, so we cannot use the task role here.
func NewArchiver(ctx context.Context) (*s3.Client, error) {
	cfg, err := config.LoadDefaultConfig(ctx,
		config.WithRegion("eu-west-1"),
		config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider(
			"AKIAIOGMDH46MZF4B57Q",
			"lThw/ZqyC85Nn7Jf30xIOdZh/NRwhUTv3L/Smo92",
			"",
		)),
	)
	if err != nil {
		return nil, fmt.Errorf("load aws config: %w", err)
	}
	return s3.NewFromConfig(cfg), nil
}

func ArchiveBatch(ctx context.Context, c *s3.Client, batch []byte) error {
	key := fmt.Sprintf("raw/%s.jsonl.gz", time.Now().UTC().Format("2006/01/02/150405.000"))
	_, err := c.PutObject(ctx, &s3.PutObjectInput{
		Bucket: aws.String("acmepay-events-archive"),
		Key:    aws.String(key),
		Body:   bytes.NewReader(batch),
	})
	return err
}
