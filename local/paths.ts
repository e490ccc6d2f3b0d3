import { resolve } from 'node:path';

/**
 * Absolute locations the local runtime needs. Resolved from this file rather than the working
 * directory, so `npm start`, the jest harness and the bench can run from anywhere in the tree.
 */
export const REPO_ROOT = resolve(__dirname, '..');
export const FUNCTIONS_DIR = resolve(REPO_ROOT, 'functions');
export const WEB_DIST_DIR = resolve(REPO_ROOT, 'web', 'dist');
export const DEFAULT_DATA_DIR = resolve(REPO_ROOT, '.local-data');
