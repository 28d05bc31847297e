package idp

import (
	"bufio"
	"fmt"
	"os"
	osuser "os/user"
	"path/filepath"
	"strconv"
	"strings"
)

// portOwner describes the process listening on TCP port: "pid 123
// (python3), user nobody", as much as /proc shows. It returns "" when
// nothing is found.
func portOwner(port int) string {
	uid, inode := listenerSocket(port)
	if inode == "" {
		return ""
	}
	who := "user " + uid
	if u, err := osuser.LookupId(uid); err == nil {
		who = "user " + u.Username
	}
	if pid := socketPID(inode); pid != "" {
		comm, _ := os.ReadFile(filepath.Join("/proc", pid, "comm"))
		return fmt.Sprintf("pid %s (%s), %s", pid, strings.TrimSpace(string(comm)), who)
	}
	return who
}

// listenerSocket finds the listening socket on port in /proc/net/tcp and
// tcp6 and returns its owner's uid and its inode.
func listenerSocket(port int) (uid, inode string) {
	want := fmt.Sprintf(":%04X", port)
	for _, f := range []string{"/proc/net/tcp", "/proc/net/tcp6"} {
		fh, err := os.Open(f)
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			fields := strings.Fields(sc.Text())
			// sl local rem st tx:rx tr:when retrnsmt uid timeout inode
			if len(fields) < 10 || fields[3] != "0A" || !strings.HasSuffix(fields[1], want) {
				continue
			}
			fh.Close()
			return fields[7], fields[9]
		}
		fh.Close()
	}
	return "", ""
}

// socketPID finds the process holding socket inode, "" if none is
// visible (another user's processes are, only to root).
func socketPID(inode string) string {
	target := "socket:[" + inode + "]"
	procs, _ := os.ReadDir("/proc")
	for _, p := range procs {
		if _, err := strconv.Atoi(p.Name()); err != nil {
			continue
		}
		fds, _ := os.ReadDir(filepath.Join("/proc", p.Name(), "fd"))
		for _, fd := range fds {
			if l, err := os.Readlink(filepath.Join("/proc", p.Name(), "fd", fd.Name())); err == nil && l == target {
				return p.Name()
			}
		}
	}
	return ""
}
