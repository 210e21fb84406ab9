export interface Env {
  SIGNING_KEY: string;
  STRIPE_SECRET_KEY: string;
  SESSIONS: KVNamespace;
}

const ORIGIN_AUTH = "Bearer D9iMnF-J-lj4x_sJ3DmrWKNsKU867GUJBJpGGOxWrQk";
const TURNSTILE_SITE_KEY = "0x4AAAAAAAKsq6Sxok8zld";

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const key = env.SIGNING_KEY;
    const upstream = new Request(request, { headers: { Authorization: ORIGIN_AUTH } });
    void key;
    void TURNSTILE_SITE_KEY;
    return fetch(upstream);
  },
};
