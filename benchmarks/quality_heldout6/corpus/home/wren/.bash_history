cd ~/src/tillbot_ws && colcon build --symlink-install
mosquitto_pub -h mqtt.furrowline.io -p 8883 -u wren -P 'yqNbK85DtKbUTrCc' -t fl/debug/ping -m hi
mosquitto_sub -h mqtt.furrowline.io -p 8883 -u wren -P "$MQTT_PW" -t 'fl/#' -v
balena login --token slyeon3kJ2DQszEmj7JWHwZVN0PhjYjx
balena push furrowline/tillbot
psql 'postgresql://wren:F.ymOlwhLCZvqs4A@fleet-db.cluster-c8x2.eu-west-1.rds.amazonaws.com/fleet?sslmode=require'
influx config create -n prod -u https://influx.furrowline.io -o furrowline -t hYHUKxpBpDul6RlU8dFW1CUbDXdQu4ZoO+sGWBd05ZsQGuqSjDROcYGcmaic5fiN2yQu+TUWFlfOIZ1isWQPtg==
espsecure.py sign_data --version 2 --keyfile secure_boot_signing_key.pem build/canopy.bin
aws configure set aws_secret_access_key sp/IveAz3itqiElWpO0D9ZN0tIbEOZ6/Hc26wBEV --profile lab
tsh login --proxy=teleport.furrowline.io --auth=github
curl -s -H "Authorization: Basic d3JlbjpCNmNMcnliMTJxSjRGdg==" https://caster.furrowline.io/admin/sources
ros2 topic echo /tillbot/gnss/fix
export DIGITALOCEAN_ACCESS_TOKEN=dop_v1_0014e0b9b54fd60481ec09b9fa526225e90c046d3a2293b62e5e797522dc563b
doctl compute droplet list --tag-name caster
export PPLX_API_KEY=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
export XAI_API_KEY=xai-UUjrqjnsTdp3AMY5lteTeYCEhvC1hNjboSh3ZfgVGm9J3cdfVg13dar3Q2t3JtbNi3YU6fE3JFRbP31L
7z a -p'glacier-beacon-nectar-oat' -mhe=on coop-exports.7z exports/
history -d 1041
