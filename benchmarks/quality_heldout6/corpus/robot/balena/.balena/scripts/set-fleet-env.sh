#!/bin/sh
# Fleet-wide variables; service-specific ones live in docker-compose.yml
balena env add NTRIP_PASSWORD b0RzEHSVQ3Xe02 --fleet furrowline/tillbot
balena env add ROS_DOMAIN_ID 42 --fleet furrowline/tillbot
nmcli dev wifi connect FL-Field-Hotspot password 'Junipermaple9419!' ifname wlan0
