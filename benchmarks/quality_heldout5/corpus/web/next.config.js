/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  serverRuntimeConfig: {
    ledgerApiKey: process.env.LEDGER_API_KEY || 'qm_live_PpUJofvLWzS19rqiAyh5OsdqonjCvPS3',
  },
  publicRuntimeConfig: {
    stripePublishableKey: 'pk_live_51pVYMdZkmZi7eAc1M1HGPQGXwDVQSOn6XavX7tKkbunMbPjR2GzDdcXZZqTOacFIKTqo8qXcXuphrEJMyPT7E19y5Qd01N1uvs',
  },
};

module.exports = nextConfig;
