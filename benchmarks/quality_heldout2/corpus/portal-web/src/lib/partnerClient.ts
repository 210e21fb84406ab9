import { API_KEY_HEADER } from "../config";

const apiKey = process.env.PARTNER_API_KEY;
if (!apiKey) throw new Error("PARTNER_API_KEY is not set");

export async function partnerFetch(path: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  headers.set(API_KEY_HEADER, apiKey as string);
  headers.set("Authorization", `Bearer ${await tokenFromVault()}`);
  return fetch(`https://partners.larkspur.health${path}`, { ...init, headers });
}

async function tokenFromVault(): Promise<string> {
  const res = await fetch("http://127.0.0.1:8200/v1/secret/data/portal/partner", {
    headers: { "X-Vault-Token": process.env.VAULT_TOKEN ?? "" },
  });
  return (await res.json()).data.data.token;
}
