// Package serve is the read-only web server over a reports store behind
// `calltrust serve`: a home page listing the batches, and every stored
// page, report and summary served as it is, streamed from the store with
// caching headers. It reads keys under the store's root only, binds to
// loopback unless access is controlled (basic auth from an htpasswd file
// of bcrypt entries, or a header set by a single sign-on proxy), and
// never writes to the store. The worker package does not import it.
package serve
