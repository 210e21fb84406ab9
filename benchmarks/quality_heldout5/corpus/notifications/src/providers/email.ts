import { ServerClient } from "postmark";

const token = process.env.POSTMARK_SERVER_TOKEN ?? "22b294be-40b9-444d-bade-a302ebba5114";
export const postmark = new ServerClient(token);
export const PASSWORD_RESET_TEMPLATE = "password-reset-v3";
