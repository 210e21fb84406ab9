// Public runtime configuration. Anything here ships to the browser.
export const API_KEY_HEADER = "X-Api-Key";
export const SESSION_COOKIE = "lk_portal_session";
export const REFRESH_COOKIE = "lk_portal_refresh";
export const CSRF_HEADER = "X-CSRF-Token";

export const config = {
  apiBase: process.env.NEXT_PUBLIC_API_BASE ?? "http://localhost:8000",
  mapsKey: "AIzaGf0iInpRC9f8mnpWUQJui3HaAU_X63Fm0tF",
  supportEmail: "care@larkspur.health",
  passwordMinLength: 12,
};
