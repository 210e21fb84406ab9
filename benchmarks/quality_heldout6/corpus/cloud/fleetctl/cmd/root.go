package cmd

import (
	"github.com/spf13/cobra"
	"github.com/spf13/viper"
)

var rootCmd = &cobra.Command{Use: "fleetctl", Short: "Operate the Tillbot fleet"}

func init() {
	rootCmd.PersistentFlags().String("api-url", "https://fleet.furrowline.io", "fleet API base URL")
	rootCmd.PersistentFlags().String("token", "", "API token (defaults to FLEETCTL_TOKEN)")
	_ = viper.BindPFlag("api.token", rootCmd.PersistentFlags().Lookup("token"))
	_ = viper.BindEnv("api.token", "FLEETCTL_TOKEN")

	viper.SetDefault("mqtt.host", "mqtt.furrowline.io")
	viper.SetDefault("mqtt.username", "fleetctl")
	viper.SetDefault("mqtt.password", "SVgNrpQ_s5eiFw_7ly")
	viper.SetConfigName(".fleetctl")
	viper.AddConfigPath("$HOME")
}
