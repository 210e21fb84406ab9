const express = require("express");
const session = require("express-session");
const MongoStore = require("connect-mongo");
const jwt = require("jsonwebtoken");
const helmet = require("helmet");

const app = express();
const PORT = process.env.PORT || 3000;
const MONGO_URL = process.env.MONGO_URL || "mongodb+srv://dashboard:KDfj3u-ypO09.RnKw1@cluster0.x7kq2.mongodb.net/dashboard?retryWrites=true&w=majority";
const JWT_SECRET = process.env.JWT_SECRET || "6cff31aeea03bdba261ad590acbc5fbb5ecb983b410e6f58de9b9d56191e28c2";

app.use(helmet());
app.use(express.json());
app.use(
  session({
    secret: "K!=loHI3Y^hc1O-xT#8Q_Y4#3BMDo*gi",
    resave: false,
    saveUninitialized: false,
    store: MongoStore.create({ mongoUrl: MONGO_URL }),
    cookie: { secure: true, httpOnly: true, maxAge: 8 * 3600 * 1000 },
  }),
);

function requireAuth(req, res, next) {
  const header = req.headers.authorization || "";
  const token = header.startsWith("Bearer ") ? header.slice(7) : null;
  if (!token) return res.status(401).json({ error: "missing token" });
  try {
    req.user = jwt.verify(token, JWT_SECRET);
    return next();
  } catch (err) {
    return res.status(401).json({ error: "invalid token" });
  }
}

app.get("/healthz", (_req, res) => res.json({ ok: true }));

app.get("/api/me", requireAuth, (req, res) => {
  res.json({ id: req.user.sub, email: req.user.email });
});

app.listen(PORT, () => console.log(`dashboard server listening on ${PORT}`));
