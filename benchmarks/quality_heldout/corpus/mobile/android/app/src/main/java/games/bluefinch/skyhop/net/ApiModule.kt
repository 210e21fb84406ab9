package games.bluefinch.skyhop.net

import okhttp3.Credentials
import okhttp3.OkHttpClient

private const val CLIENT_SECRET = "CUM1BYPnfpye38E9ELwrIrd65KEuaxVGBU18PUlA"
private const val HMAC_KEY = "c20d80315dc80ef8c27a9ae3d31ad0a60d4f8e68aa54899d7e114809e5525a63"
private const val FCM_SERVER_KEY = "AAAADwk6UNL:APA91bU9dPm3t3gUTQSFlaMBpvOdeqJ8HprioL5BKTUka0gF-vEKJXnuXMEwpK2E1BTKqJww_LnuwbyYrA13htx5P3FU9SuR-fkbYdvvpi4WUqEkVPkFaHuuvX9MAA2B7m4zfN1mL9Oh"

object ApiModule {
    val api = ApiClient(baseUrl = BuildConfig.API_URL, apiKey = BuildConfig.API_KEY)

    fun http(): OkHttpClient = OkHttpClient.Builder()
        .addInterceptor { chain ->
            chain.proceed(chain.request().newBuilder()
                .header("Authorization", Credentials.basic("mobile", "Gc8N3CT7V*1jp8gT_j!76"))
                .build())
        }
        .build()

    suspend fun login(username: String, password: String): Session = api.login(username, password)
}
