const twilio = require("twilio");
const { Client } = require("@notionhq/client");

const notion = new Client({ auth: "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" });
const sms = twilio(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN);
const linearKey = process.env.LINEAR_API_KEY || "lin_api_kL5QWsXKJoVRHVB8Wps8BH0prwAfSijA6AxCH1KZ";

module.exports.sendDue = async () => {
  const due = await notion.databases.query({ database_id: "a44835513c14267430d85ffeacc4b85e" });
  for (const page of due.results) {
    await sms.messages.create({ to: page.properties.Phone.phone_number, from: "+15035550143", body: "Reminder" });
  }
  return { sent: due.results.length, linearConfigured: Boolean(linearKey) };
};
