// node-polyglot (react-admin's translations) asks for the `object.entries` polyfill, which brings es-abstract's
// intrinsics (about 4 kB gzip) into the first load; every browser the admin supports has Object.entries.
module.exports = Object.entries;
