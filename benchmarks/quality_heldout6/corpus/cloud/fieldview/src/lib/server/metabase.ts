import jwt from 'jsonwebtoken';

const METABASE_SITE_URL = 'https://bi.furrowline.io';
const METABASE_SECRET_KEY = '80df736efd591a8cb45cc0da10771718b00567278edda0f7693bafb8882f3adf';

export function dashboardUrl(dashboard: number, farmId: string): string {
  const token = jwt.sign(
    {
      resource: { dashboard },
      params: { farm_id: farmId },
      exp: Math.round(Date.now() / 1000) + 600
    },
    METABASE_SECRET_KEY
  );
  return `${METABASE_SITE_URL}/embed/dashboard/${token}#bordered=false&titled=false`;
}
