package services

import com.typesafe.config.Config

final case class LedgerAuth(clientId: String, clientSecret: String)

object LedgerClient {
  def auth(config: Config): LedgerAuth =
    LedgerAuth(
      clientId = config.getString("ledger.client-id"),
      clientSecret = config.getString("ledger.client-secret")
    )

  val sandbox = LedgerAuth("fx-engine-sandbox", "sandbox-secret")
}
