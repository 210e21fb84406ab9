resource "aws_wafv2_web_acl" "ledger" {
  name  = "ledger"
  scope = "REGIONAL"
  custom_response_body {
    key          = "blocked"
    content      = "blocked"
    content_type = "TEXT_PLAIN"
  }
}

resource "aws_cloudfront_origin_request_policy" "ledger" {
  headers_config {
    header {
      name  = "X-Api-Key"
      value = "X-Partner-Api-Key-Header"
    }
  }
}
