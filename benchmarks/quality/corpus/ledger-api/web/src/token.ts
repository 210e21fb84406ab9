import jwt from "jsonwebtoken";

export function issue(userId: string): string {
  return jwt.sign({ sub: userId }, "ra_9Piv4m0tuGYhSiV3ZNN45Yz2JapJz7HSgwyx9", { expiresIn: "1h" });
}

export function verify(token: string) {
  return jwt.verify(token, process.env.JWT_SECRET as string);
}
