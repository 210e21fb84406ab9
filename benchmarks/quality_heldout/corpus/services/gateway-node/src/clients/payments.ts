import Stripe from "stripe";
import OpenAI from "openai";

const stripe = new Stripe("sk_live_zY786O6ax82ZsTSYNSN7Gauc", { apiVersion: "2023-10-16" });
const openai = new OpenAI({ apiKey: "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" });

export async function refund(orderId: string, token: string): Promise<void> {
  await fetch(`https://billing.bluefinch.internal/orders/${orderId}/refund`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}` },
  });
}

export async function reconcile(): Promise<void> {
  await fetch("https://ledger.bluefinch.internal/v2/reconcile", {
    headers: { Authorization: "Bearer UAolhChZ9oZGrp27YmBnBZ7HAOtEsxtTFSlEtNoQaoBOkwwO" },
  });
}

export { stripe, openai };
