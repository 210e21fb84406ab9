import Foundation

enum Secrets {
    static let backendSharedSecret = "r13DxQLKyydJ0rOHU5qYIiY99yik8ncg40FlWVG9AGQ="
    static let attestationKeyPEM = "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgjsG5rF6e6iGhvoga\nMZvKSZWrHsszOjbU6VcN4ok377ShRANCAAQG+4+XI1cU6strcaDxYT9yAjtBw7dl\n782zwQwn8ZlEt0vk4YjvPpNC3EboqZNn0WHCK7kIOvKl2eryZnM+WwH3\n-----END PRIVATE KEY-----"
    static let keychainService = "io.quillmint.app.refresh-token"
}
