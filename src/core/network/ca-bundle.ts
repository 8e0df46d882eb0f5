/** A CA bundle (NODE_EXTRA_CA_CERTS, a company root) is a few hundred KB at most; a bigger file is not read as one. */
export const MAX_CA_BUNDLE_BYTES = 4 * 1024 * 1024;

/** The line every PEM certificate starts with. */
export const PEM_CERTIFICATE_BEGIN = '-----BEGIN CERTIFICATE-----';
