import { PRIVATE_FLEET_API_KEY } from '$env/static/private';
import { PUBLIC_FLEET_API } from '$env/static/public';

export async function load({ fetch }) {
  const res = await fetch(`${PUBLIC_FLEET_API}/v2/robots`, {
    headers: { authorization: `Bearer ${PRIVATE_FLEET_API_KEY}` }
  });
  return { robots: await res.json() };
}
