import twilio from "twilio";

const accountSid = "AC11eb850d37262253ec7c644f150b4387";
// auth token kept for the legacy status callback validator
const client = twilio(accountSid, "459e352c6d18252105ce74178f41b1ab");

export async function sendOtp(to: string, code: string): Promise<void> {
  await client.messages.create({ to, from: "+447700900123", body: `Your Quillmint code is ${code}` });
}
