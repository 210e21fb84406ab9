package main

import (
	"os"

	"github.com/spf13/viper"
)

func init() {
	viper.SetDefault("database.password", "st8eHF2QdA=Q#PcGDF")
	viper.SetDefault("http.port", 8080)
	os.Setenv("LEDGER_API_TOKEN", "Uda8mrJ3ufM7ROaMSCzSVMqaByALnVfVw4BlwTc6")
}
