// Credentials recognised by the shape of a string, wherever it is and whatever its field is called:
// URL user-info, key=value pairs (query strings, JDBC, ADO/libpq connection strings, `--flag=value`,
// `-Dprop=value`), `--flag value` inside a shell line, Go MySQL DSNs, Oracle thin URLs, PEM and base64 PEM
// private keys, and tokens with well-known formats. Only the secret part of a string is replaced, so the
// rest (a JVM's -Xmx beside a trust-store password, the host of a database URL) stays readable for checks.
//
// Every string of every object passes through redactString, so each detector sits behind a cheap test
// (length, indexOf of its distinctive characters) and most strings never meet a regular expression.
import type { RedactionCounts } from "../types";
import { nodeBuffer } from "./platform";

export const REDACTED = "[REDACTED]";

/** The shortest string that can hold any shape below (`a=b` is not a credential worth a regex). */
const MIN_LENGTH = 6;

// Name rule. A name looks secret when it contains one of the long markers anywhere (DBPASSWORD,
// GITHUB_TOKEN, clientSecret) or has one of the short markers as a whole word (API_KEY, DB_PASS, AUTH).
// Names whose last word says the value is a *reference* to a secret rather than the secret itself
// (PRIVATE_KEY_PATH, TOKEN_FILE, SECRET_NAME, AWS_ACCESS_KEY_ID, AUTH_ENABLED) are left alone: their values
// are paths, names, identifiers or switches, and the checks need to read some of them. A credential that
// hides behind such a name is still caught by the value shapes below.
const LONG_MARKERS = [
  "PASSWORD",
  "PASSWD",
  "SECRET",
  "TOKEN",
  "CREDENTIAL",
  "APIKEY",
  "PRIVATE",
  "PASSPHRASE",
];
const WORD_MARKERS = new Set(["KEY", "KEYS", "PASS", "PWD", "AUTH", "CREDS", "DSN", "SALT", "COOKIE"]);
const REFERENCE_SUFFIXES = new Set([
  "PATH",
  "FILE",
  "FILENAME",
  "DIR",
  "NAME",
  "ID",
  "ENABLED",
  "ENABLE",
  "DISABLED",
  "TYPE",
  "MODE",
  "TTL",
  "TIMEOUT",
  "EXPIRY",
  "LENGTH",
  "SIZE",
  "HEADER",
  "ALGORITHM",
  "METHOD",
  "PROVIDER",
  "REF",
  "URL",
  "ENDPOINT",
  "REGION",
  "STDIN",
  "FORMAT",
]);
/** Parameter and flag names that are secret although the name rule does not say so (SAS `sig`, AccessKey). */
const PARAM_SUFFIX = /(?:KEY|PASS|PWD|TOKEN|SECRET|SIGNATURE|^SIG)$/;

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((w) => w !== "");
}

// Names repeat across a cluster (every replica's env, every Job's flags): each is judged once. Bounded so
// that a hostile upload cannot grow it without limit.
const NAME_CACHE = new Map<string, number>();
const NAME_CACHE_LIMIT = 20_000;
const SECRET_NAME = 1;
const SECRET_PARAM = 2;

function judge(name: string): number {
  const hit = NAME_CACHE.get(name);
  if (hit !== undefined) return hit;
  const ws = words(name);
  const last = ws[ws.length - 1];
  let verdict = 0;
  if (last !== undefined && !REFERENCE_SUFFIXES.has(last)) {
    const joined = ws.join("");
    if (LONG_MARKERS.some((m) => joined.includes(m)) || ws.some((w) => WORD_MARKERS.has(w))) {
      verdict = SECRET_NAME | SECRET_PARAM;
    } else if (PARAM_SUFFIX.test(last)) {
      verdict = SECRET_PARAM;
    }
  }
  if (NAME_CACHE.size >= NAME_CACHE_LIMIT) NAME_CACHE.clear();
  NAME_CACHE.set(name, verdict);
  return verdict;
}

/** Whether a variable or key name says its value is a secret (DB_PASSWORD, apiKey; not TOKEN_FILE). */
export function isSecretLookingName(name: string): boolean {
  return (judge(name) & SECRET_NAME) !== 0;
}

/** Looser rule for parameter and flag names, which are short and lower-case (`sig`, `accesskey`, `pwd`). */
export function isSecretParamName(name: string): boolean {
  return (judge(name) & SECRET_PARAM) !== 0;
}

/** What redactString counts, by kind of value. */
export type ShapeCounts = Pick<
  RedactionCounts,
  | "urlCredentialsRedacted"
  | "connectionStringValuesRedacted"
  | "argumentValuesRedacted"
  | "tokensRedacted"
  | "privateKeysRedacted"
>;

// `--flag value` inside one string (a shell line in `sh -c`); the two-element form is handled by the walker.
const FLAG_SPACE_VALUE = /(^|\s)--([A-Za-z][\w.-]*)[ \t]+("[^"]*"|'[^']*'|[^\s"'-]\S*)/g;
// Go MySQL driver DSN: user:password@tcp(host)/db.
const GO_DSN = /(^|[\s="'])([^\s:/@"'=]*):([^\s@"']+)@(?=(?:tcp|udp|unix)?\()/g;
// Oracle thin URL: jdbc:oracle:thin:user/password@host.
const ORACLE_THIN = /(jdbc:oracle:thin:[^/@\s:]*\/)([^@\s]+)@/gi;
const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]*)-----[\s\S]*?(?:-----END \1-----|$)/g;
// "-----BEGIN" base64-encoded, at each of the three alignments a base64 run can start with.
const BASE64_PEM = /(?:LS0tLS1CRUdJT|0tLS0tQkVHSU4|tLS0tLUJFR0lO)[A-Za-z0-9+/=\r\n]*/g;
const BASE64_PEM_HEAD = /LS0tLS1CRUdJT|0tLS0tQkVHSU4|tLS0tLUJFR0lO/;

/** A base64 run's start, decoded as Latin-1: with Node's lenient Buffer, or with atob in the browser. */
function base64Head(b64: string): string {
  if (nodeBuffer) return nodeBuffer.Buffer.from(b64, "base64").toString("latin1");
  // atob rejects what Buffer tolerates: anything after padding, and a length of 4n+1.
  const clean = b64.replace(/=[\s\S]*$/, "");
  try {
    return atob(clean.slice(0, clean.length - (clean.length % 4 === 1 ? 1 : 0)));
  } catch {
    return "";
  }
}
const KNOWN_TOKEN =
  /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_\w{20,}|xox[abposr]-[\w-]{10,}|(?:AKIA|ASIA)[0-9A-Z]{16}|glpat-[\w-]{20,}|[sr]k_live_\w{16,}|sk-[A-Za-z0-9_-]{32,}|AIza[\w-]{35}|eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]*)/g;
const TOKEN_HINT = /gh[pousr]_|github_pat_|xox|AKIA|ASIA|glpat-|k_live_|sk-|AIza|eyJ/;

function isPrivatePem(label: string): boolean {
  return label.includes("PRIVATE");
}

/**
 * The string with every credential found in it replaced by REDACTED (the same string when there is none).
 * `anyPem`: redact public PEM blocks too (annotation values, where a certificate is never needed).
 */
// Every string of the snapshot passes this gate, so it is one native scan: each shape below needs an `@`
// (URL user-info, DSNs), an `=` (key=value pairs, flags), a space (a PEM header, a shell line) or is a
// base64-encoded PEM header.
const GATE = /[@= ]|LS0tLS1CRUdJT|0tLS0tQkVHSU4|tLS0tLUJFR0lO/;

/**
 * The string with every credential found in it replaced by REDACTED (the same string when there is none).
 * `anyPem`: redact public PEM blocks too (annotation values, where a certificate is never needed).
 */
export function redactString(s: string, counts: ShapeCounts, anyPem = false): string {
  if (s.length < MIN_LENGTH || !GATE.test(s)) return s;
  let out = s;
  if (out.includes("-----BEGIN")) {
    out = out.replace(PEM_BLOCK, (block, label: string) => {
      if (!anyPem && !isPrivatePem(label)) return block;
      counts.privateKeysRedacted++;
      return REDACTED;
    });
  }
  if (out.length >= 40 && BASE64_PEM_HEAD.test(out)) {
    out = out.replace(BASE64_PEM, (run) => {
      const head = base64Head(run.slice(0, 120).replace(/\s/g, ""));
      if (!anyPem && !head.includes("PRIVATE")) return run;
      counts.privateKeysRedacted++;
      return REDACTED;
    });
  }
  if (out.includes("://")) out = redactUrlUserinfo(out, counts);
  if (out.includes("=")) out = redactKeyValues(out, counts);
  if (out.includes("--") && (out.includes(" ") || out.includes("\t"))) {
    out = out.replace(FLAG_SPACE_VALUE, (match, _lead: string, name: string, value: string) => {
      if (!isSecretFlagName(name) || value === REDACTED || value === "\\" || isReferenceValue(value))
        return match;
      counts.argumentValuesRedacted++;
      return `${match.slice(0, match.length - value.length)}${REDACTED}`;
    });
  }
  if (out.includes("@(") || out.includes("@tcp(") || out.includes("@unix(") || out.includes("@udp(")) {
    out = out.replace(GO_DSN, (match, lead: string, user: string, password: string) => {
      if (password === REDACTED) return match;
      counts.urlCredentialsRedacted++;
      return `${lead}${user}:${REDACTED}@`;
    });
  }
  if (out.includes("thin:")) {
    out = out.replace(ORACLE_THIN, (match, head: string, password: string) => {
      if (password === REDACTED) return match;
      counts.urlCredentialsRedacted++;
      return `${head}${REDACTED}@`;
    });
  }
  return out;
}

/**
 * Tokens by format (JWT, `ghp_`, `xoxb-`, `AKIA…`). Run on the values people paste tokens into (annotations,
 * name/value lists, argument and command lists) rather than on every string: it is the costliest scan.
 */
export function redactTokens(s: string, counts: ShapeCounts): string {
  if (s.length < 20 || !TOKEN_HINT.test(s)) return s;
  return s.replace(KNOWN_TOKEN, () => {
    counts.tokensRedacted++;
    return REDACTED;
  });
}

/** Characters that end an authority (`scheme://userinfo@host:port`). */
function endsAuthority(c: number): boolean {
  // / ? # " ' < > and whitespace
  return c === 47 || c === 63 || c === 35 || c === 34 || c === 39 || c === 60 || c === 62 || c <= 32;
}

function redactUrlUserinfo(s: string, counts: ShapeCounts): string {
  let out = "";
  let copied = 0;
  for (let p = s.indexOf("://"); p >= 0; p = s.indexOf("://", p + 3)) {
    const start = p + 3;
    let end = start;
    let at = -1;
    while (end < s.length && !endsAuthority(s.charCodeAt(end))) {
      if (s.charCodeAt(end) === 64) at = end; // the last @: an unencoded one in a password stays inside
      end++;
    }
    if (at < 0) continue;
    const userinfo = s.slice(start, at);
    const colon = userinfo.indexOf(":");
    let from: number;
    if (colon >= 0) {
      // user:password — keep the user; `user:@` has no password.
      if (colon === userinfo.length - 1 || userinfo.slice(colon + 1) === REDACTED) continue;
      from = start + colon + 1;
    } else {
      // A user name alone is usually just that (git@, postgres@); a long one is a token used as the user.
      if (userinfo.length < 16 || userinfo === REDACTED) continue;
      from = start;
    }
    counts.urlCredentialsRedacted++;
    out += s.slice(copied, from) + REDACTED;
    copied = at;
    p = at;
  }
  return copied === 0 ? s : out + s.slice(copied);
}

/**
 * Whether a flag's or parameter's value points at the secret instead of holding it: `$(DB_PASSWORD)` (the
 * kubelet expands it from env), `${TOKEN}`, or an absolute path to a key file.
 */
export function isReferenceValue(value: string): boolean {
  const c = value.charCodeAt(0);
  return c === 47 || (c === 36 && (value.charCodeAt(1) === 40 || value.charCodeAt(1) === 123));
}

function isNameChar(c: number): boolean {
  // [A-Za-z0-9_.-]
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45
  );
}

/** What may come before a key=value name: start, whitespace, `;` `?` `&` `,` quotes, `{` `(`. */
function startsName(c: number): boolean {
  return (
    c <= 32 || c === 59 || c === 63 || c === 38 || c === 44 || c === 34 || c === 39 || c === 123 || c === 40
  );
}

/** Where an unquoted value ends: whitespace, `;` `&` quotes `<` `>`. */
function endsValue(c: number): boolean {
  return c <= 32 || c === 59 || c === 38 || c === 34 || c === 39 || c === 60 || c === 62;
}

/**
 * NAME=VALUE pairs with a secret-looking name: query strings, JDBC and ADO `;` properties, libpq DSNs,
 * `--flag=value` and `-Dprop=value`. A loop over the `=` signs, not a regex: the name is read backwards from
 * each one and only a secret name costs more than a cached lookup.
 */
function redactKeyValues(s: string, counts: ShapeCounts): string {
  let out = "";
  let copied = 0;
  for (let eq = s.indexOf("="); eq >= 0; eq = s.indexOf("=", eq + 1)) {
    let e = eq;
    while (e > copied && (s.charCodeAt(e - 1) === 32 || s.charCodeAt(e - 1) === 9)) e--;
    let b = e;
    while (b > copied && isNameChar(s.charCodeAt(b - 1))) b--;
    if (b > 0 && !startsName(s.charCodeAt(b - 1))) continue;
    let nb = b;
    while (nb < e && s.charCodeAt(nb) === 45) nb++;
    if (nb === e || !isSecretParamName(s.slice(nb, e))) continue;
    let v = eq + 1;
    while (v < s.length && (s.charCodeAt(v) === 32 || s.charCodeAt(v) === 9)) v++;
    let end = v;
    const q = s.charCodeAt(v);
    if (q === 34 || q === 39 || q === 123) {
      const close = s.indexOf(q === 123 ? "}" : s.charAt(v), v + 1);
      end = close < 0 ? s.length : close + 1;
    } else {
      while (end < s.length && !endsValue(s.charCodeAt(end))) end++;
    }
    const value = s.slice(v, end);
    if (value === "" || value === REDACTED || value === '""' || value === "''" || value === "{}") continue;
    if (isReferenceValue(value)) continue;
    // A label matcher (PromQL `{job="x",key="node.kubernetes.io/unreachable"}`), not a credential.
    if (q === 34 && b > 0 && (s.charCodeAt(b - 1) === 123 || s.charCodeAt(b - 1) === 44)) continue;
    if (nb > b) counts.argumentValuesRedacted++;
    else counts.connectionStringValuesRedacted++;
    out += s.slice(copied, v) + REDACTED;
    copied = end;
    eq = end - 1;
  }
  return copied === 0 ? s : out + s.slice(copied);
}

/** Whether the string is a `--flag` or `-flag` alone whose next argument is a secret (`--password`, `pw`). */
export function isSecretFlag(s: string): boolean {
  if (s.length < 4 || s.charCodeAt(0) !== 45 || s.includes("=") || s.includes(" ")) return false;
  const name = s.charCodeAt(1) === 45 ? s.slice(2) : s.slice(1);
  return /^[A-Za-z][\w.-]*$/.test(name) && isSecretFlagName(name);
}

/** A flag that takes a secret as its value; `--no-auth-warning` and the like are switches. */
function isSecretFlagName(name: string): boolean {
  return !name.startsWith("no-") && isSecretParamName(name);
}

// Annotation keys whose values are digests or identifiers by definition (Helm's checksum/config, a
// rollout's pod-template-hash): high entropy, never a secret.
const DIGEST_KEY = /checksum|hash|digest|sha\d*|fingerprint|revision|uid|generation|version/i;
const TOKEN_CHARS = /^[A-Za-z0-9+/=_.~-]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Shannon entropy in bits per character. */
function entropy(s: string): number {
  const freq = new Map<number, number>();
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    freq.set(c, (freq.get(c) ?? 0) + 1);
  }
  let bits = 0;
  for (const n of freq.values()) {
    const p = n / s.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * Whether a whole annotation value is a bare token or key: 24+ characters of a token alphabet, letters and
 * at least two digits, high entropy. Paths, host names and prose fail one of these.
 */
export function looksLikeToken(key: string, value: string): boolean {
  const v = value.trim();
  if (v.length < 24 || v.length > 8192 || !TOKEN_CHARS.test(v) || UUID.test(v)) return false;
  if (DIGEST_KEY.test(key)) return false;
  let digits = 0;
  let letters = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i) | 32;
    if (c >= 48 && c <= 57) digits++;
    else if (c >= 97 && c <= 122) letters++;
  }
  return digits >= 2 && letters >= 8 && entropy(v) >= 3.5;
}
