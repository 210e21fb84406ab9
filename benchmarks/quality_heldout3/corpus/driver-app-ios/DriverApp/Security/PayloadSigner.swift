import CryptoKit
import Foundation

/// Signs proof-of-delivery payloads so the gate terminal can verify them offline.
struct PayloadSigner {
    private static let pem = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg4zUJFRKnOPGu/x/N
        Tm07SyZJ7l97Nam1BdYket9yGcmhRANCAAQ6PGXKutUW7TEKUI76AiaRa0VX1i+u
        BqvSExaqfzefB6KicBT5FuZzwahOr6JzjjpvAvZ80uvSxYZzhqQIWKo8
        -----END PRIVATE KEY-----
        """

    func sign(_ payload: Data) throws -> Data {
        let key = try P256.Signing.PrivateKey(pemRepresentation: Self.pem)
        return try key.signature(for: payload).derRepresentation
    }
}
