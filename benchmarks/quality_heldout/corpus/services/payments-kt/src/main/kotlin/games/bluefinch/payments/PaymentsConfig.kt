package games.bluefinch.payments

import org.springframework.context.annotation.Configuration

@Configuration
class PaymentsConfig {
    val stripeKey: String = System.getenv("STRIPE_KEY") ?: "sk_live_yq2k2dCA6hJk1ayaaPOONUtQ"
    val webhookSecret: String = System.getenv("WEBHOOK_SECRET")
    val receiptSigningKey = "bJusIzh3uAErjo/IK+4DQGPlxgvDK5FZcxLvUP3i9kg="

    fun ledgerClient() = LedgerClient("https://ledger.bluefinch.internal", "ggREXtKauO79vOLbhHg0L3BY7Tgvmdinb5FKabd9")

    data class DbLogin(val user: String, val password: CharArray)
}
