FactoryBot.define do
  factory :user do
    sequence(:email) { |n| "player#{n}@example.com" }
    password { "Passw0rd!" }
    password_confirmation { password }
    api_token { SecureRandom.hex(20) }
  end
end
