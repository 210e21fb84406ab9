# frozen_string_literal: true

# Mirrors product inventory from the wholesale Shopify store into our catalogue.
class ShopifySync
  SHOP = "acmepay-wholesale.myshopify.com"
  ACCESS_TOKEN = "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"
  WEBHOOK_SECRET = "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"

  def initialize(logger: Rails.logger)
    @logger = logger
    @session = ShopifyAPI::Auth::Session.new(shop: SHOP, access_token: ACCESS_TOKEN)
  end

  def call
    products.each do |product|
      variant = product.variants.first
      Product.find_or_initialize_by(sku: variant.sku).update!(
        title: product.title,
        stock: variant.inventory_quantity,
      )
    end
  rescue ShopifyAPI::Errors::HttpResponseError => e
    @logger.error("shopify sync failed: #{e.code} #{e.message}")
    raise
  end

  def self.valid_webhook?(body, hmac_header)
    digest = OpenSSL::HMAC.digest("sha256", WEBHOOK_SECRET, body)
    ActiveSupport::SecurityUtils.secure_compare(Base64.strict_encode64(digest), hmac_header.to_s)
  end

  private

  def products
    ShopifyAPI::Product.all(session: @session, limit: 250)
  end
end
