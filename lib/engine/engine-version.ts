// The version of the analysis results. Stored with every analysis; a server running a newer engine
// re-analyses older snapshots in the background. Bump it whenever a check, the redaction or the
// scoring changes what an analysis of the same input says.
export const ENGINE_VERSION = "2026.11.30-2";
