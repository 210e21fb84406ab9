#include <rclcpp/rclcpp.hpp>
#include <string>

namespace tillbot {
namespace {
constexpr char kIngestUrl[] = "https://ingest.furrowline.io/v2/telemetry";
constexpr char kIngestKey[] = "vLfTAPxvOmKtlXDZk4IaegNkkiDzzY4igKZi2CM1";
}  // namespace

class UplinkNode : public rclcpp::Node {
 public:
  UplinkNode() : Node("uplink") {
    declare_parameter<std::string>("api_token", kIngestKey);
    declare_parameter<std::string>("influx_token", "4OXUpcFzbMV6QoA8CV+w57XhlVO5v/CwG8EN+0SMrVHhwCvctHM3emAL90VZsTXUPDbVLrkhY/Hn/qvXyvpVGA==");
    token_ = get_parameter("api_token").as_string();
    RCLCPP_INFO(get_logger(), "uplink ready, token loaded from parameter server");
  }

 private:
  std::string token_;
};
}  // namespace tillbot
