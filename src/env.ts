// The Worker's bindings, as declared in wrangler.toml. Secrets: .dev.vars locally, `wrangler secret put` when
// deployed. README.md ("Authentication") tells what each setting does.

export interface Env {
  DB: D1Database;
  SHARDS: DurableObjectNamespace;
  HUBS: DurableObjectNamespace;
  /**
   * Who holds HTTP watch streams: "relay" (default: the Worker relays a hibernatable hub WebSocket into them,
   * so hubs hibernate with HTTP watches open) or "hub" (the watch hub writes them itself: ~45% more writes/s
   * with 1,000 watchers, but a hub holding one cannot hibernate).
   */
  HTTP_WATCH_STREAMS?: string;
  AUDIT: DurableObjectNamespace;
  /** The bootstrap admin bearer token (a secret), a member of system:masters. */
  ADMIN_TOKEN?: string;
  /** Static bearer tokens (a secret), kube's token file format: `token,user,uid,"group1,group2"` per line. */
  STATIC_TOKENS?: string;
  /** The service-account token signing key (a secret): PKCS#8 PEM, EC P-256/P-384 or RSA. */
  SERVICE_ACCOUNT_SIGNING_KEY?: string;
  /** Further public keys (SPKI PEMs, concatenated) whose tokens still verify: rotated-out signing keys. */
  SERVICE_ACCOUNT_VERIFICATION_KEYS?: string;
  /** Service-account token issuers, comma-separated; the first signs (default https://kubernetes.default.svc.cluster.local). */
  SERVICE_ACCOUNT_ISSUER?: string;
  /** The API's audiences, comma-separated (default: the first issuer). */
  API_AUDIENCES?: string;
  /** The port clients reach the API on: the target port of the `kubernetes` Service (default 443). */
  SECURE_PORT?: string;
  /** PEM of the CA that signs the server's certificate: ca.crt of legacy token Secrets and kube-root-ca.crt. */
  CLUSTER_CA_CERT?: string;
  /** OIDC: the issuer URL (enables OIDC) and the client id tokens must be meant for. */
  OIDC_ISSUER_URL?: string;
  OIDC_CLIENT_ID?: string;
  /** OIDC claim mappings (kube's --oidc-username-claim, -prefix, --oidc-groups-claim, -prefix). */
  OIDC_USERNAME_CLAIM?: string;
  OIDC_USERNAME_PREFIX?: string;
  OIDC_GROUPS_CLAIM?: string;
  OIDC_GROUPS_PREFIX?: string;
  /** Accepted signing algorithms, comma-separated (default RS256). */
  OIDC_SIGNING_ALGS?: string;
  /** The issuer's JWKS inline (JSON), or where to fetch it (default: from the issuer's discovery document). */
  OIDC_JWKS?: string;
  OIDC_JWKS_URI?: string;
  /**
   * Requests without credentials (src/auth/anonymous.ts): unset, anonymous on the health and version paths only;
   * "true", anonymous everywhere (what RBAC grants system:anonymous); "false", never; or a list of exact paths.
   */
  ANONYMOUS_AUTH?: string;
  /** The audit policy: an audit.k8s.io/v1 Policy in YAML or JSON (default: src/audit/policy.ts). */
  AUDIT_POLICY?: string;
  /** Audit events older than this many days are deleted (default 7). */
  AUDIT_RETENTION_DAYS?: string;
  /** At most this many audit events are kept, the oldest deleted first (default 1000000). */
  AUDIT_MAX_EVENTS?: string;
}
