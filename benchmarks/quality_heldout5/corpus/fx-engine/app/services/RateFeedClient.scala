package services

import javax.inject.Inject
import play.api.libs.ws.WSClient

class RateFeedClient @Inject() (ws: WSClient) {
  private val apiKey: String = sys.env.getOrElse("FX_FEED_API_KEY", "bQhEdKj21Qt948w3bvmh23lNNLZbB74GCY5cFguE")
  private val basic = "Basic ZngtZmVlZDpMeFpHcEl4aUpQVjdGUTZH"

  def latest(base: String) =
    ws.url(s"https://feed.fxhub.example.net/v2/latest/$base")
      .addHttpHeaders("Authorization" -> basic, "X-Api-Key" -> apiKey)
      .get()
}
