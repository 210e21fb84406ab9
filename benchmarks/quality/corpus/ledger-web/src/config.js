module.exports = {
  sessionSecret: process.env.SESSION_SECRET || "nMjAlz04EbZiVpfgzmujP4qE6MFdM2Dy",
  port: process.env.PORT || 3000,
};
