package loopback

import (
	"bufio"
	"encoding/hex"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
)

// socketOwner finds the user id that owns the socket at local whose other
// end is remote (so, for a connection accepted by the listener, the
// client's uid), in /proc/net/tcp or /proc/net/tcp6.
func socketOwner(local, remote net.Addr) (int, bool) {
	l, ok1 := local.(*net.TCPAddr)
	r, ok2 := remote.(*net.TCPAddr)
	if !ok1 || !ok2 {
		return 0, false
	}
	file := "/proc/net/tcp"
	if l.IP.To4() == nil {
		file = "/proc/net/tcp6"
	}
	f, err := os.Open(file)
	if err != nil {
		return 0, false
	}
	defer f.Close()
	wantLocal, wantRemote := procAddr(l), procAddr(r)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		// sl local_address rem_address st tx:rx tr:when retrnsmt uid ...
		fs := strings.Fields(sc.Text())
		if len(fs) < 8 || !strings.EqualFold(fs[1], wantLocal) || !strings.EqualFold(fs[2], wantRemote) {
			continue
		}
		uid, err := strconv.Atoi(fs[7])
		return uid, err == nil
	}
	return 0, false
}

// procAddr writes an address as /proc/net/tcp does: the IP in 32-bit
// words of host (little-endian) byte order, then the port, in hex.
func procAddr(a *net.TCPAddr) string {
	ip := a.IP.To4()
	if ip == nil {
		ip = a.IP.To16()
	}
	b := make([]byte, len(ip))
	for i := 0; i+4 <= len(ip); i += 4 {
		b[i], b[i+1], b[i+2], b[i+3] = ip[i+3], ip[i+2], ip[i+1], ip[i]
	}
	return strings.ToUpper(hex.EncodeToString(b)) + ":" + fmt.Sprintf("%04X", a.Port)
}
