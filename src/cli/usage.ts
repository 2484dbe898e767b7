import type { CliIo } from './io.js';
import { EXIT } from './io.js';

/** The usage text of the CLI: one block per command. */
export const USAGE = `Usage:
  sclerotherapy-cds assess [--details] [--format text|md|html] [--json] [--jurisdiction US|EU]
                           [--overlay <overlay.json>] <request.json | ->
      Assesses one request (a JSON file, or - for standard input) and prints a one-screen report:
      verdicts, reasons, what to do and sources. --details adds every finding in full; --format md
      writes Markdown, --format html one printable page with a leg diagram; --json the Assessment.
      Colour only on a terminal and never with NO_COLOR; text is wrapped to the terminal width. --jurisdiction applies the US or the EU product labels
      (default: the stricter of both). --overlay applies a clinic overlay.
  sclerotherapy-cds lint [rules-dir]
      Lints every <category>/*.json rule file of a rules folder (default: the shipped rules/)
      against its limits.json and sources.json; prints each problem and a summary.
  sclerotherapy-cds test [--coverage] [--overlay <overlay.json>] <vignette files or folders …>
      Runs clinical vignettes (JSON or YAML; folders are searched recursively) and prints PASS, or
      what was expected and what was found, per vignette, then "N passed, N failed". --coverage
      adds the rules each vignette fired and the rules none fired. Exit 1 when any fails.
  sclerotherapy-cds serve --config <service.json> [--port 3000] [--host 127.0.0.1] [--overlay <overlay.json>]
  sclerotherapy-cds serve --insecure-no-auth [--port 3000] [--host 127.0.0.1] [--overlay <overlay.json>]
      Runs the CDS Hooks 2.0 service: GET /cds-services, POST /cds-services/{id} and
      POST /cds-services/{id}/feedback, with a log line per request and a JSON audit line per call,
      until SIGINT or SIGTERM. Every call needs a CDS Hooks client JWT from a client listed in
      --config (publicUrl, clients with their keys and FHIR servers, CORS origins;
      schemas/service-config.schema.json); fhirServer is read only under the calling client's
      fhirServers. --insecure-no-auth serves without authentication, only on a loopback host (a
      local demo); then fhirServer is read only under a --fhir-server prefix.
      Bounds: [--deadline-ms 3000] [--max-in-flight N] [--max-body-bytes 2097152]
      [--tls-cert <cert.pem> --tls-key <key.pem>]; with --insecure-no-auth: [--fhir-server <prefix,…>].
      [--workers 1]: N processes (node:cluster, at most 4 × CPUs) share the port; each has its own
      jti replay cache and bounds (docs/deployment.md).

Exit codes: 0 done (for assess: whatever the status), 1 invalid input or failures, 2 usage error.
`;

/**
 * Reports a usage error with the usage text.
 * @param problem - what is wrong with the command line
 * @param io - where to write
 * @returns the usage exit code
 */
export const usageError = (problem: string, io: CliIo): number => {
  io.stderr(`${problem}.\n\n${USAGE}`);
  return EXIT.usage;
};
