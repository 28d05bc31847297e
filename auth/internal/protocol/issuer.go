package protocol

import (
	"errors"
	"net"
	"strings"
)

// ErrIssuerMismatch means an issuer (RFC 9207 iss, discovery, ID token)
// is not the configured one (mix-up attack, RFC 9700 §4.4).
var ErrIssuerMismatch = errors.New("issuer mismatch")

// SameIssuer compares a discovered issuer with the configured one. A
// trailing slash is not a difference. With tenantPlaceholder, the
// discovered issuer may carry Microsoft's {tenantid} where the configured
// one names a tenant alias such as common.
func SameIssuer(discovered, configured string, tenantPlaceholder bool) bool {
	d, c := strings.TrimSuffix(discovered, "/"), strings.TrimSuffix(configured, "/")
	if d == c {
		return true
	}
	if tenantPlaceholder && strings.Contains(d, "{tenantid}") {
		prefix, suffix, _ := strings.Cut(d, "{tenantid}")
		if strings.HasPrefix(c, prefix) && strings.HasSuffix(c, suffix) {
			tenant := strings.TrimSuffix(strings.TrimPrefix(c, prefix), suffix)
			return tenant != "" && !strings.Contains(tenant, "/")
		}
	}
	return false
}

// TenantIssuerMatch accepts a concrete tenant's issuer got for a discovered
// issuer holding Microsoft's {tenantid} placeholder.
func TenantIssuerMatch(got, discovered string) bool {
	prefix, suffix, ok := strings.Cut(discovered, "{tenantid}")
	if !ok || !strings.HasPrefix(got, prefix) || !strings.HasSuffix(got, suffix) {
		return false
	}
	tenant := strings.TrimSuffix(strings.TrimPrefix(got, prefix), suffix)
	return tenant != "" && !strings.Contains(tenant, "/")
}

// IsLoopbackHost reports whether host is localhost or a loopback IP.
func IsLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
