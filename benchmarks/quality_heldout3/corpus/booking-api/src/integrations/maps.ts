import axios from 'axios';

const GOOGLE_KEY = 'AIzaSylvIjuDOAgdMIPzxTHzC__SfNg1PSurtGY';
const HERE_API_KEY = 'vHod1SNOsaf0L8qwmOif2u_rtmUzsPS9NucsM8ayv64';

export async function geocode(address: string) {
  const { data } = await axios.get('https://maps.googleapis.com/maps/api/geocode/json', {
    params: { address, key: GOOGLE_KEY },
  });
  return data.results[0]?.geometry.location;
}

export async function truckRoute(from: string, to: string) {
  const { data } = await axios.get('https://router.hereapi.com/v8/routes', {
    params: { transportMode: 'truck', origin: from, destination: to, apiKey: HERE_API_KEY },
  });
  return data.routes[0];
}
