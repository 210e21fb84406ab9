import Foundation

enum APIKeys {
    static let bookingAPIKey = "drv_bJ4Id7PLQD9G1znH1ygARTPIcBCCstAC"
    static let keychainPasswordKey = "io.portolan.driver.password"
    static let authHeader = "X-Driver-Token"
}

struct DriverCredentials: Codable {
    let username: String
    let password: String
}
