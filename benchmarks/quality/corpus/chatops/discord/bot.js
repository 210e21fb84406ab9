const { Client, GatewayIntentBits, WebhookClient } = require("discord.js");

const DISCORD_TOKEN = "ODM5MjYwMjIyMjI5NDk2Mzk1OA.5WvxCa.WcCHWaoqNosQpDo9sg_yRALJSDep30sxFvkGP_";
const ALERT_WEBHOOK = "https://discord.com/api/webhooks/3718090374951753117/sbnAUPokwjWmalC0lAZIy4BT_OVRNuAIq2MUtsERX7GZKzHuduUgepv7kcrdJHmGVQbu";
const OPS_CHANNEL = "1098237645019283746";

const client = new Client({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages] });
const alerts = new WebhookClient({ url: ALERT_WEBHOOK });

client.once("ready", () => {
  console.log(`logged in as ${client.user.tag}`);
});

client.on("messageCreate", async (message) => {
  if (message.author.bot || message.channelId !== OPS_CHANNEL) return;
  if (message.content === "!status") {
    const res = await fetch("https://status.acmepay.io/api/v2/summary.json");
    const body = await res.json();
    await message.reply(`Status: ${body.status.description}`);
  }
});

process.on("unhandledRejection", (err) => alerts.send({ content: `bot error: ${err}` }));

client.login(process.env.DISCORD_TOKEN || DISCORD_TOKEN);
