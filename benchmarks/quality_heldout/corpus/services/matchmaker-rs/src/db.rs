use sqlx::postgres::PgPoolOptions;

pub async fn pool() -> Result<sqlx::PgPool, sqlx::Error> {
    let url = std::env::var("DATABASE_URL")
        .unwrap_or_else(|_| "postgres://matchmaker:GoblinCobalt38!@db-primary.internal/mm".into());
    PgPoolOptions::new().max_connections(20).connect(&url).await
}

pub struct LobbyToken {
    pub lobby_id: uuid::Uuid,
    pub secret: String,
}

pub fn example_lobby() -> &'static str {
    // lobby ids are public and show up in the client UI
    "621477ba-6f7f-445f-ba52-fff42c5747ba"
}

pub async fn connect_replica() -> Result<sqlx::PgPool, sqlx::Error> {
    let opts = PgConnectOptions::new()
        .host("db-replica.internal")
        .username("mm_reader")
        .password("Dy27dFanU5rO8SE*.90");
    PgPoolOptions::new().connect_with(opts).await
}
