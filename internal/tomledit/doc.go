// Package tomledit changes one entry of an array of tables ([[name]]
// blocks) in a TOML document by editing its text, and leaves every other
// byte of the document as it was: other entries, comments, blank lines,
// key order and the person's own formatting of values that did not change.
//
// The contract:
//   - Set and Remove find the entry whose key field (such as id) has the
//     given value, by scanning the text; they never re-encode the document.
//   - Set keeps each line of the entry whose value is unchanged (compared
//     as decoded TOML, so `x = [ "a",  "b" ]` equals `x = ["a", "b"]`),
//     rewrites only the value of a changed key (keeping the line's own
//     comment), removes keys that are gone and adds new keys after the
//     entry's last key. A new entry is appended at the end of the document.
//   - Remove deletes the entry's header and keys (and its sub-tables such as
//     [name.sub]); comments after its last key stay, since they usually
//     introduce what follows.
//   - The result is not validated here beyond being well-formed TOML:
//     callers re-parse it and compare it with what they meant to write.
//
// Only documents that BurntSushi/toml accepts are edited; the scanner
// follows TOML 1.0's lexical rules for keys, strings, arrays and inline
// tables well enough to find where each statement starts and ends.
package tomledit
