import axios from "axios";
import Config from "react-native-config";

export const api = axios.create({
  baseURL: Config.API_URL,
  headers: { "x-app-key": Config.APP_KEY ?? "" },
});

// TODO move to the backend before release (INC-2291)
const SENDBIRD_API_TOKEN = "62e87d8a9e0d566c4dd0fbcf4d311ef2e117eadd";
export const TOKEN_STORAGE_KEY = "@meridian/access_token";

export async function sendbird(path: string) {
  return axios.get(`https://api-${Config.SENDBIRD_APP_ID}.sendbird.com/v3${path}`, {
    headers: { "Api-Token": SENDBIRD_API_TOKEN },
  });
}
