package testservers

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// TestMinio checks the MinIO starter: the bucket exists, the AWS
// variables name the server's keys, and an object written before a
// restart is still there after it.
func TestMinio(t *testing.T) {
	s := StartMinioBucket(t, "reports")
	if got := strings.Join(s.Env(), "\n"); !strings.Contains(got, "AWS_ACCESS_KEY_ID="+s.AccessKey()) {
		t.Errorf("Env lacks the access key:\n%s", got)
	}
	ctx := context.Background()
	put := &s3.PutObjectInput{Bucket: aws.String("reports"), Key: aws.String("b1/summary.json"), Body: strings.NewReader("{}")}
	if _, err := s.Client().PutObject(ctx, put); err != nil {
		t.Fatalf("put: %v", err)
	}
	s.Stop()
	s.Start()
	if _, err := s.Client().HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("reports"), Key: aws.String("b1/summary.json")}); err != nil {
		t.Errorf("object after restart: %v", err)
	}
}
