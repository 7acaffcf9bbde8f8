import path from 'node:path';

/**
 * Whether `candidate` lies strictly below `root` (both absolute). The one "is inside" test of the app: a string
 * prefix test with `root + sep` breaks for the file system root (`"/" + sep` is `//`, a prefix of nothing) and
 * for a prefix that ends in a separator; path.relative handles both, and a different drive on Windows.
 */
export function isInside(candidate: string, root: string): boolean {
  const relative = path.relative(path.resolve(root), path.resolve(candidate));
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

/** Whether `candidate` is `root` itself or lies below it. */
export function isSameOrInside(candidate: string, root: string): boolean {
  return path.resolve(candidate) === path.resolve(root) || isInside(candidate, root);
}
