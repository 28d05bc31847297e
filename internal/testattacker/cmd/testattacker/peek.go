package main

import (
	"bytes"
	"io"
	"net/http"
	"os"
	"strings"
	"time"
)

// cmdline prints another process's arguments, one "arg" line each.
func cmdline(pid string) error {
	b, err := os.ReadFile("/proc/" + pid + "/cmdline")
	if err != nil {
		return err
	}
	for _, a := range bytes.Split(bytes.TrimRight(b, "\x00"), []byte{0}) {
		report("arg %s", a)
	}
	return nil
}

// get sends one GET without following redirects and prints the answer.
func get(url string) error {
	c := &http.Client{
		Timeout:       10 * time.Second,
		Transport:     &http.Transport{Proxy: nil},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	report("status %d", resp.StatusCode)
	report("location %s", resp.Header.Get("Location"))
	report("body %s", strings.Join(strings.Fields(string(body)), " "))
	return nil
}
