// Shared fixtures for the dashboard unit tests. Nothing here is a real credential.

export const merchant = {
  id: "b9451168-43f9-479d-b126-a9a42d3654a2",
  name: "Test Merchant GmbH",
  apiKey: "sk_test_fixture_not_a_real_key",
  createdAt: "2024-01-01T00:00:00Z",
};

export const session = {
  accessToken: "test-access-token",
  csrfToken: "0000000000000000000000000000000000000000",
  expiresAt: 1893456000,
};

export const user = {
  email: "jane@example.com",
  password: "hunter2",
  avatar: "data:image/png;base64,iVBORw0KGgoAAAANSUhEUqcUuzAE8p60EyiGD/yUQUqqch/mOgkWGAxsfMx14+MgeRBL0fmLcuLtQgCVlxuqbU8fWla1pEk+PHRsKg==",
};

export const webhookEvent = {
  id: "evt_test_0001",
  signature: "sha256=8d2e1b121bab4cc27739849dd2032dc0e7514ec121f516717bfae94844f216a9",
  payload: { type: "invoice.paid", invoice: "in_test_0001" },
};

export const build = {
  commit: "7364d941f78eb0f31b88c93f0a0b0bc09e6c756f",
  chunkHash: "9c19319c8d326c3e4e7d",
};
