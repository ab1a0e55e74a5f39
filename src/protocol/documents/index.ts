// Public surface of the directory-document parsers (router status entries, server descriptors,
// microdescriptors, exit policies). Sans-IO like the rest of src/protocol.
export {
  decodeDocumentText,
  isIPv4,
  isIPv6,
  isNickname,
  parseDirTime,
  parseOrAddress,
  type DocumentTextOptions,
  type OrAddress,
} from './fields.js';
export * from './fingerprint.js';
export * from './netdoc.js';
export * from './platform.js';
export * from './protocol-versions.js';
export * from './exit-policy.js';
export * from './exit-policy-eval.js';
export * from './router-status.js';
export * from './server-descriptor.js';
export * from './microdescriptor.js';
