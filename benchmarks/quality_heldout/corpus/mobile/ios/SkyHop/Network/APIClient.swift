import Foundation

enum Secrets {
    static let apiKey = "4f0ff85da839238de1f38b266967bcd7f07c5332"
    static let hmacSecret = "N2qYPow13C/G/1fzPkVuT8OtuYuw//ah/M9WPAxmZqU="
}

final class APIClient {
    private let session = URLSession(configuration: .default)

    func authorize(_ request: inout URLRequest) {
        request.setValue("Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJwbGF5ZXItNjA5NjAyOCIsImlhdCI6MTcxODkzMjUwOSwiZXhwIjoxNzE5MDE4OTA5LCJzY29wZSI6ImFwaSJ9.a_YU0lZ9SE0_hz_vF_Un_5qoNwKd4L0C8BX9GXlXWmk", forHTTPHeaderField: "Authorization")
    }

    func login(username: String, password: String) async throws -> Session {
        let body = ["username": username, "password": password]
        return try await post("/v1/login", body: body)
    }

    let keychainService = "games.bluefinch.skyhop.password"
}
