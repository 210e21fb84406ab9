import { login } from "../src/auth";

describe("login", () => {
  const fixture = { username: "alice", password: "password" };

  it("rejects a bad password", async () => {
    await expect(login("alice", "wrong-password")).rejects.toThrow();
  });

  it("issues a token", async () => {
    const res = await login(fixture.username, fixture.password);
    expect(res.token).not.toEqual("fake-token-for-tests");
  });

  it("masks secrets in logs", () => {
    expect(redact("api_key=abc")).toBe("api_key=***");
  });
});
