const config = {
  mongodb: {
    url: process.env.MONGO_URL || "mongodb://fx_migrate:iO4OdG-ZCJCePq2iRebRsE@mongo-0.fx.internal:27017",
    databaseName: "fx",
  },
  migrationsDir: "migrations",
  changelogCollectionName: "changelog",
};
module.exports = config;
