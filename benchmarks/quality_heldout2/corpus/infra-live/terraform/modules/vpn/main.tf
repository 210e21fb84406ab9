resource "aws_vpn_connection" "clinic_leeds" {
  vpn_gateway_id        = aws_vpn_gateway.main.id
  customer_gateway_id   = aws_customer_gateway.leeds.id
  type                  = "ipsec.1"
  static_routes_only    = true
  tunnel1_preshared_key = "SHCnGSmmjopIrTM3MJUrb6RLLiIMH8Hw"
  tunnel2_preshared_key = var.tunnel2_psk
}
