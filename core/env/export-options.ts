/**
 * The export formats and the Kubernetes name rule, with no imports: the contract's schemas use
 * them, and those are bundled into the preload and the browser host's page.
 */
export const EXPORT_FORMATS = ['dotenv', 'shell', 'json', 'k8s'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A Kubernetes object name (RFC 1123 subdomain), as metadata.name requires. */
export const K8S_NAME_PATTERN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
export const DEFAULT_K8S_SECRET_NAME = 'keystash';
