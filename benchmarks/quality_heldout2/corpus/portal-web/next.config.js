/** @type {import('next').NextConfig} */
module.exports = {
  reactStrictMode: true,
  env: {
    NEXT_PUBLIC_RECAPTCHA_SITE_KEY: "6LWBSKOpseuVkL1_tK-GHwElT7wpbXa7h7frQCjl",
    RECAPTCHA_SECRET: "6LkK6mu0fNaWk-obZs-XzohUxh4t9vKKFxKueOPo",
  },
};
