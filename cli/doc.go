// Package cli is oauthdesk's command line: one file per verb, each an
// options struct and a run function over the same auth.Engine the desktop
// app uses. Errors reach the person as one plain line on stderr.
package cli
