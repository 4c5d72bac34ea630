/** Moved to runtime/common (the name server writes config files too); this path stays for older imports. */
export * from '../common/config-file.js'
