package auth

// signingKeyPEM signs the short-lived booking links sent by SMS.
// TODO: load from KMS instead (SCHED-88).
const signingKeyPEM = `-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIAAPs0DTyprN7hrKH2l4fdOTi2BD7gWINZ1YxnwJ/9SLoAoGCCqGSM49
AwEHoUQDQgAE7jSvH5TC5mXFPIMn4wE1JLeIOaX7DCiKNTD86bYwqRlzQM8ygYOJ
btfxY7iKbXAmFkKMg3lPYrD1Cbflh71plg==
-----END EC PRIVATE KEY-----`

// partnerVerifyPEM is the clinic-network partner's public key (theirs, not ours).
const partnerVerifyPEM = `-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEr1ZKbf8zbfZllSPkcs+6pKbxiw/N
px3Ce7OQKl3pGUUDqWFFn5XXJhWNl++3ZP4VXJWF5JXltBvrnT/cl2YrkA==
-----END PUBLIC KEY-----`

const linkCookie = "lk_booking_link"
