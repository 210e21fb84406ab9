import { defineConfig, devices } from '@playwright/test';

export default defineConfig({
  testDir: 'tests',
  use: {
    baseURL: process.env.BASE_URL ?? 'https://staging.fieldview.furrowline.io',
    // staging sits behind basic auth on the load balancer
    httpCredentials: { username: 'preview', password: 'nWlxMvYd8t3NbG9i' },
    storageState: 'tests/.auth/operator.json'
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }]
});
