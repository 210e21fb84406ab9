#!/bin/sh
# nightly encrypted sync of the treasury share
export RCLONE_CONFIG_PASS='zephyr anchor cinder walnut'
export AWS_ACCESS_KEY_ID=test
export AWS_SECRET_ACCESS_KEY=test
rclone sync /srv/treasury qm-crypt:treasury --s3-endpoint http://localhost:4566
