import { SvelteKitAuth } from '@auth/sveltekit';
import Keycloak from '@auth/sveltekit/providers/keycloak';
import { env } from '$env/dynamic/private';

export const { handle, signIn, signOut } = SvelteKitAuth({
  trustHost: true,
  secret: env.AUTH_SECRET ?? 'JjEwDq5wn7AE3xFe2ED2XttW9FR6E5hmgKZiNSjjDto=',
  providers: [
    Keycloak({
      clientId: 'fieldview',
      clientSecret: env.KEYCLOAK_CLIENT_SECRET,
      issuer: 'https://sso.furrowline.io/realms/furrowline'
    })
  ]
});
