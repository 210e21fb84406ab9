db = db.getSiblingDB("fx");
db.createUser({
  user: "fx_journal",
  pwd: "Ki!I-Rsd42PPV2Wmacd9",
  roles: [{ role: "readWrite", db: "fx" }],
});
db.getSiblingDB("admin").createUser({
  user: "backup",
  pwd: passwordPrompt(),
  roles: ["backup"],
});
