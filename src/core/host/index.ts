/** The host interfaces: what differs between the CLI, the Node extension host and the browser. */
export * from './file-system';
export * from './seed-text';
export * from './scheduler';
export { MemoryFileSystem } from './memory-file-system';
