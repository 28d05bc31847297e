package idp

import (
	"context"
	"net"
	"net/http"
	"sync"
)

// conns tracks which connections are serving a request, so that Close can
// wait for requests in flight only. http.Server.Shutdown also waits up to
// 5 seconds for connections that never sent a request, and browsers open
// such connections ahead of time (preconnect): with a browser open,
// Shutdown would always run into its deadline.
type conns struct {
	mu     sync.Mutex
	active map[net.Conn]bool
	idle   chan struct{} // closed when active becomes empty; nil while empty
}

// track is the http.Server's ConnState hook.
func (c *conns) track(conn net.Conn, state http.ConnState) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.active == nil {
		c.active = map[net.Conn]bool{}
	}
	if state == http.StateActive {
		if len(c.active) == 0 {
			c.idle = make(chan struct{})
		}
		c.active[conn] = true
		return
	}
	if c.active[conn] {
		delete(c.active, conn)
		if len(c.active) == 0 && c.idle != nil {
			close(c.idle)
			c.idle = nil
		}
	}
}

// wait returns when no request is in flight, or ctx's error.
func (c *conns) wait(ctx context.Context) error {
	c.mu.Lock()
	idle := c.idle
	c.mu.Unlock()
	if idle == nil {
		return nil
	}
	select {
	case <-idle:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
