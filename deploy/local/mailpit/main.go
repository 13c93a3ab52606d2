// Command mailpit runs Mailpit (an SMTP server with a web inbox and an HTTP API) for the local stack.
// Upstream's own main package only adds the license text for `mailpit --licenses` (an internal
// package we cannot import), so the project runs the upstream command directly.
package main

import "github.com/axllent/mailpit/cmd"

func main() {
	cmd.Execute()
}
