const apn = require("@parse/node-apn");

// APNs auth key for the patient app (team 8BTRFLTXKE)
const APNS_KEY = `-----BEGIN PRIVATE KEY-----
MIG2AgEAMBAGByqGSM49AgEGBSuBBAAiBIGeMIGbAgEBBDDfdhp47WMIAv1kF39x
wJU5LjDHGTebhpXWHz8NbdCYkbidh585AUyxr8OyRxzm8YGhZANiAAQVRUpElGFh
D9kSoeV88xbnlYUQZ1wIIpFidELZr9kBE425EgsBMpMPXf4wv0brKQfiiuN2i+Px
DOnQta/zX5LQQQoxIwBGLeb4YmvWZh4tKtu+m/pVN3NKU+CeFB2RSho=
-----END PRIVATE KEY-----`;

module.exports = new apn.Provider({ token: { key: APNS_KEY, keyId: "QQ1XXAFACG", teamId: "B3GAIKUWKV" }, production: true });
