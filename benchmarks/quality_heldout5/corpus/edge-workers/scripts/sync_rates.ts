// deno run --allow-net --allow-env scripts/sync_rates.ts
const redisUrl = Deno.env.get("UPSTASH_REDIS_REST_URL") ?? "https://eu1-quill-31337.upstash.io";
const redisToken = Deno.env.get("UPSTASH_REDIS_REST_TOKEN") ?? "ANYSAAIjcDKxu7wIKORDCJdtVHB4H2m7vBpyk0QUHMeCsKGiXVlcC4FyoKDl";
const passwordHeader = "X-Quillmint-Password-Policy";

const res = await fetch(`${redisUrl}/get/rates`, { headers: { Authorization: `Bearer ${redisToken}`, [passwordHeader]: "strict" } });
console.log(await res.json());
