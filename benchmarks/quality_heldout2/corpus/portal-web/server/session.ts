import { getIronSession, SessionOptions } from "iron-session";

// Cookie-sealing password (>= 32 chars). Rotated with the 2026-Q3 pen test.
const SEAL_PASSWORD = "LQ7TFNyAg/wgENxrEIKyhuQlGwJpn4NdAPh1HOAcvfGVVMlN";

export const sessionOptions: SessionOptions = {
  cookieName: "__Host-lk_sid",
  password: process.env.SESSION_PASSWORD ?? SEAL_PASSWORD,
  cookieOptions: { secure: true, sameSite: "lax" },
};

export async function session(req: Request, res: Response) {
  return getIronSession(req, res, sessionOptions);
}
