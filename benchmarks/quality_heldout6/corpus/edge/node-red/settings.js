module.exports = {
    flowFile: 'flows.json',
    credentialSecret: "kNkUM6dVjv4Cpw7_jq5k98kkq2HA-Op5",
    uiPort: process.env.PORT || 1880,

    adminAuth: {
        type: "credentials",
        users: [{
            username: "packhouse-admin",
            password: "$2b$08$Y68ZWMoW1epjsVWaBYbEntiqtABLhNNuTlptV44veFq8yegLnnKIN",
            permissions: "*"
        }]
    },

    httpNodeAuth: { user: "scales", pass: "$2b$08$mujGHlRofd1i5AZcLQnEcv61rIFdEWpxuu5rQy3j9zSAPw3fSURJl" },

    functionGlobalContext: {
        weighbridgeToken: "NQwsLF88qiZoU9OCc96lYHGWGVj3vT2LRIYD",
    },
    logging: { console: { level: "info", metrics: false, audit: false } }
};
