// Command testattacker is the hostile local process of oauthdesk's attack
// tests (e2e/attack_*_test.go). The tests run it as a separate process,
// as another user where they can (setpriv --reuid nobody), so that what it
// manages to do is what any other local user could do. It reports on
// stdout, one event a line.
//
// Usage:
//
//	testattacker squat ADDR        listen on ADDR ([::1]:PORT) and report
//	                               every request it receives
//	testattacker squat-new UID     watch /proc/net/tcp for loopback ports
//	                               that UID starts listening on, bind
//	                               [::1] on the same port, and report every
//	                               request received there
//	testattacker cmdline PID       print another process's arguments, as
//	                               /proc/PID/cmdline shows them
//	testattacker get URL           one GET that does not follow redirects;
//	                               prints the status, Location and body
//
// Lines: "listening ADDR", "taken ADDR: ERR", "request METHOD URI",
// "arg VALUE", "status N", "location URL", "body TEXT".
package main

import (
	"fmt"
	"os"
	"strconv"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: testattacker squat ADDR | squat-new UID | cmdline PID | get URL")
		os.Exit(2)
	}
	arg := os.Args[2]
	var err error
	switch os.Args[1] {
	case "squat":
		err = squat(arg)
	case "squat-new":
		var uid int
		if uid, err = strconv.Atoi(arg); err == nil {
			err = squatNew(uid)
		}
	case "cmdline":
		err = cmdline(arg)
	case "get":
		err = get(arg)
	default:
		err = fmt.Errorf("unknown mode %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "testattacker:", err)
		os.Exit(1)
	}
}
