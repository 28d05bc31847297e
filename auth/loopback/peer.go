package loopback

import (
	"context"
	"net"
	"os"
)

// peerKey is the connection context key of a listener connection's
// peerInfo.
type peerKey struct{}

// peerInfo is who is on the other end of a loopback connection.
type peerInfo struct {
	// uid is the other end's user id; known is false where the system does
	// not say (not Linux, or the socket was not found).
	uid   int
	known bool
}

// withPeer records the peer of c in ctx (http.Server.ConnContext).
func withPeer(ctx context.Context, c net.Conn) context.Context {
	uid, ok := socketOwner(c.RemoteAddr(), c.LocalAddr())
	return context.WithValue(ctx, peerKey{}, peerInfo{uid: uid, known: ok})
}

// foreignPeer reports whether the request comes from a process of another
// user: on a shared machine, only the person's own browser (their uid) may
// use the listener's start URL or deliver its redirect. root is allowed,
// since it can read the person's keyring anyway.
func foreignPeer(ctx context.Context) bool {
	p, _ := ctx.Value(peerKey{}).(peerInfo)
	return p.known && p.uid != os.Getuid() && p.uid != 0
}
