export { NonCanonicalValueError, canonicalJson } from './canonical-json';
