import boto3

s3 = boto3.client(
    "s3",
    aws_access_key_id="AKIAP57BIM7UJW22OSDQ",
    aws_secret_access_key="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",
    region_name="eu-west-1",
)
