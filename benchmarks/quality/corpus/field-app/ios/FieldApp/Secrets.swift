enum Secrets {
    static let analyticsApiKey = "004d7a0665de2eea96c39aba1d84cedd18678b6d"
    static let mapsStyleURL = "mapbox://styles/acmepay/field"
}
