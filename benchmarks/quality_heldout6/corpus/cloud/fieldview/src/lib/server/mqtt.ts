import mqtt from 'mqtt';

export const client = mqtt.connect('mqtts://mqtt.furrowline.io:8883', {
  username: 'fieldview-ws',
  password: process.env.MQTT_PASSWORD || 'mc5cvBuigbyU57a_bSji',
  reconnectPeriod: 5000
});

export const sessions = process.env.SESSION_STORE_URL ??
  'mongodb+srv://fieldview:m55zZYCm8xoGkiLy-L@fv-sessions.x4k2p.mongodb.net/sessions';
