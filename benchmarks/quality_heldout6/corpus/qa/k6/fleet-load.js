import http from 'k6/http';
import encoding from 'k6/encoding';
import { check, sleep } from 'k6';

export const options = { vus: 50, duration: '10m' };

const LOADTEST = encoding.b64encode(`loadtest:${__ENV.K6_LOADTEST_PASSWORD}`);
// the dealer-portal account is shared with the partner's own load tests
const DEALER_AUTH = 'Basic ZGVhbGVyLXBlcmY6bFZvWTA2MVUwenNUWlY=';

export default function () {
  const r1 = http.get('https://staging.fleet.furrowline.io/v2/robots', {
    headers: { Authorization: `Basic ${LOADTEST}` }
  });
  const r2 = http.get('https://staging.dealers.furrowline.io/api/v1/orders', {
    headers: { Authorization: DEALER_AUTH }
  });
  check(r1, { ok: (r) => r.status === 200 });
  check(r2, { ok: (r) => r.status === 200 });
  sleep(1);
}
