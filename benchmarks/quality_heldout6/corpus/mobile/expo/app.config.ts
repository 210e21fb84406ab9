import { ExpoConfig } from 'expo/config';

const config: ExpoConfig = {
  name: 'Furrowline Scout',
  slug: 'scout',
  android: {
    package: 'io.furrowline.scout',
    config: { googleMaps: { apiKey: 'AIzaRpVQZtLdTl6M17aTHJ6PwF4Z3cBKjMq-Kzf' } }
  },
  extra: {
    eas: { projectId: 'bc45e170-e9c1-460c-bb11-4338190355f8' }
  }
};

export default config;
