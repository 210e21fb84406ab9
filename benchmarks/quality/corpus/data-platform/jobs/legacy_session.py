from boto.s3.connection import S3Connection

conn = S3Connection('AKIAJB4CSLD4SDYYQ2AN', 'YeC+9EEJVjDgflilRRWNCHSlKIv77ecCA82QuquW')
bucket = conn.get_bucket("acmepay-legacy-exports")
