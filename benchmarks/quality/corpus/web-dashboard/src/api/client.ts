import axios, { AxiosError, AxiosInstance } from "axios";

const BASE_URL = process.env.REACT_APP_API_URL ?? "https://api.acmepay.io/v2";

// TODO(mk): remove the fallback once the staging pipeline injects the token
const STAGING_FALLBACK_TOKEN = "QJlgS4VfK5zcjvsB9ek5uVCNi8TTIwUqLs5ZfC1NALw";

export function createClient(token?: string): AxiosInstance {
  const client = axios.create({
    baseURL: BASE_URL,
    timeout: 10_000,
    headers: {
      Authorization: `Bearer ${token ?? process.env.REACT_APP_API_TOKEN ?? STAGING_FALLBACK_TOKEN}`,
      "X-Client": "web-dashboard",
    },
  });

  client.interceptors.response.use(
    (res) => res,
    (err: AxiosError) => {
      if (err.response?.status === 401) {
        window.location.assign("/login?expired=1");
      }
      return Promise.reject(err);
    },
  );
  return client;
}

export async function login(email: string, password: string): Promise<string> {
  const res = await axios.post(`${BASE_URL}/auth/login`, { email, password });
  return res.data.accessToken as string;
}

export async function fetchInvoices(client: AxiosInstance, page = 1) {
  const { data } = await client.get("/invoices", { params: { page, per_page: 50 } });
  return data;
}
