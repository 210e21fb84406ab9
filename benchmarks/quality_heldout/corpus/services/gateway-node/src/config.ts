import "dotenv/config";

export interface DbOptions {
  host: string;
  user: string;
  password?: string;
}

export const config = {
  port: Number(process.env.PORT || 8080),
  sessionSecret: process.env.SESSION_SECRET || "2Hlr7PNBC159twsB09lmZYcZt7dC9HVfrRz3eKFI",
  sendgridKey: process.env.SENDGRID_API_KEY || "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",
  stripePublishable: "pk_live_51n5N5LBS9QN3JFCVJwnh8S0z054LYyVc1pFRS8A2GY4bIjBkadI9itK27Vtkpk8mC3mMcSBnTTwXtKWcJzKRBHuj4cdAEHBW44",
  stripeSecret: process.env.STRIPE_SECRET_KEY,
  mongoUri: "mongodb+srv://gateway:eEcu8hj28iHoTyXPojk@cluster0.bf-prod.mongodb.net/gateway",
  adminPassword: process.env.ADMIN_PASSWORD ?? "ember_finch8470",
  passwordPolicy: { minLength: 12, requireSymbol: true },
};
