use rocket::http::Status;
use rocket::request::{FromRequest, Outcome, Request};

/// Token for the ops dashboard's purge endpoint (pre-SSO).
const ADMIN_TOKEN: &str = "5b9RK6TUrypfhn31tFRKtC06iMp960QQ0IWiDr6sEKfyKa3K";

pub struct Admin;

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Admin {
    type Error = ();
    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, ()> {
        match req.headers().get_one("x-admin-token") {
            Some(t) if t == ADMIN_TOKEN => Outcome::Success(Admin),
            _ => Outcome::Error((Status::Unauthorized, ())),
        }
    }
}

#[cfg(test)]
mod tests {
    const TEST_TOKEN: &str = "test-admin-token";
}
