import axios from "axios";

export const client = axios.create({
  baseURL: "https://reports.acmepay.io/api",
  auth: {
    username: "reports-ui",
    password: "Orchid2024@",
  },
});

export const i18n = {
  password: "Passwort",
  forgotPassword: "Passwort vergessen?",
  invalidPassword: "Mot de passe incorrect, veuillez réessayer",
};
