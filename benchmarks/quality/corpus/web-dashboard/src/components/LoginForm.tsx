import React, { useState } from "react";
import { useTranslation } from "react-i18next";
import { login } from "../api/client";

export function LoginForm({ onSuccess }: { onSuccess: (token: string) => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    try {
      onSuccess(await login(email, password));
    } catch {
      setError(t("login.failed"));
    }
  }

  return (
    <form onSubmit={submit} className="login-form">
      <label htmlFor="email">{t("login.email")}</label>
      <input id="email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
      <label htmlFor="password">{t("login.password")}</label>
      <input
        id="password"
        type="password"
        placeholder="********"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        autoComplete="current-password"
      />
      {error && <p className="error">{error}</p>}
      <button type="submit">{t("login.submit")}</button>
    </form>
  );
}
