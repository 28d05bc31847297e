package ui

import (
	"strconv"
	"time"

	"fyne.io/fyne/v2/widget"
)

// statusTexts are the reason phrases of the statuses providers and APIs
// commonly answer with (the window does not import net/http).
var statusTexts = map[int]string{
	200: "OK", 201: "Created", 202: "Accepted", 204: "No Content",
	301: "Moved Permanently", 302: "Found", 303: "See Other", 304: "Not Modified",
	307: "Temporary Redirect", 308: "Permanent Redirect",
	400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
	405: "Method Not Allowed", 406: "Not Acceptable", 409: "Conflict", 410: "Gone",
	415: "Unsupported Media Type", 422: "Unprocessable Entity", 429: "Too Many Requests",
	500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway",
	503: "Service Unavailable", 504: "Gateway Timeout",
}

// statusLine is "200 OK", or just the number for an unusual status.
func statusLine(code int) string {
	if t := statusTexts[code]; t != "" {
		return strconv.Itoa(code) + " " + t
	}
	return strconv.Itoa(code)
}

// statusImportance colors a status: green for success, red for errors.
func statusImportance(code int) widget.Importance {
	switch {
	case code >= 200 && code < 300:
		return widget.SuccessImportance
	case code >= 300 && code < 400:
		return widget.WarningImportance
	case code >= 400:
		return widget.DangerImportance
	}
	return widget.MediumImportance
}

// formatDuration renders an exchange's duration: "45 ms", "1.20 s".
func formatDuration(d time.Duration) string {
	switch {
	case d <= 0:
		return "0 ms"
	case d < time.Millisecond:
		return "<1 ms"
	case d < time.Second:
		return strconv.FormatInt(d.Milliseconds(), 10) + " ms"
	}
	return strconv.FormatFloat(d.Seconds(), 'f', 2, 64) + " s"
}

// formatSize renders a byte count: "512 B", "2.1 KB", "1.4 MB".
func formatSize(n int) string {
	switch {
	case n < 1024:
		return strconv.Itoa(n) + " B"
	case n < 1024*1024:
		return strconv.FormatFloat(float64(n)/1024, 'f', 1, 64) + " KB"
	}
	return strconv.FormatFloat(float64(n)/(1024*1024), 'f', 1, 64) + " MB"
}
