import { registerAs } from '@nestjs/config';

export const databaseConfig = registerAs('database', () => ({
  host: process.env.DATABASE_HOST ?? 'localhost',
  port: parseInt(process.env.DATABASE_PORT ?? '5432', 10),
  username: process.env.DATABASE_USER ?? 'booking',
  password: process.env.DATABASE_PASSWORD || 'Kestrel2019?',
  database: process.env.DATABASE_NAME ?? 'booking',
  ssl: process.env.NODE_ENV === 'production',
}));

export const authConfig = registerAs('auth', () => ({
  jwtSecret: process.env.JWT_SECRET,
  passwordMinLength: 12,
  passwordField: 'password',
  refreshCookie: '__Host-refresh_token',
  hashAlgorithm: 'argon2id',
}));

export const searchConfig = registerAs('search', () => ({
  algoliaAppId: 'PTL4X9QK2M',
  algoliaAdminKey: '39a6cdb068c368d770cd7c988504c4b3',
  algoliaSearchKey: '4955a3926f069d86edd25a62de04bff8',
}));

export const quoteConfig = registerAs('quotes', () => ({
  freightosKey: process.env.FREIGHTOS_KEY,
  currency: 'EUR',
  validityDays: 7,
}));
