// Written by hand following https://go.dev/ref/mod#go-mod-file (Go 1.21 layout, build list in full).
module example.com/demo-svc

go 1.21

toolchain go1.21.3

require (
	github.com/gin-gonic/gin v1.6.0
	golang.org/x/text v0.3.5
)

require (
	github.com/docker/docker v20.10.13+incompatible // indirect
	golang.org/x/net v0.0.0-20190125091013-d26f9f9a57f3 // indirect
	golang.org/x/sys v0.0.0-20210630005230-0f9fa26af87c // indirect
	example.com/replaced v1.0.0 // indirect
	example.com/local v1.0.0 // indirect
)

replace example.com/replaced v1.0.0 => golang.org/x/text v0.3.0

replace example.com/local => ../local
