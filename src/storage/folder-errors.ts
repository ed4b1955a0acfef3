/** One sentence that names the folder and what to fix, with the system error as its cause. */
export function describeFolderError(dir: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const where = `The data folder ${JSON.stringify(dir)}`;
  const other = 'or set DATA_DIR to another folder.';
  const fixes: Record<string, string> = {
    EEXIST: `${where} is a file, not a folder: remove or rename that file ${other}`,
    ENOTDIR: `${where} is not a folder (a file is in its path): remove that file ${other}`,
    ENOENT: `${where} has disappeared: create it again with mode 700 ${other}`,
    EACCES: `${where} is not writable: give this user write access to it (chmod 700) ${other}`,
    EPERM: `${where} is not writable: give this user write access to it (chmod 700) ${other}`,
    EROFS: `${where} is on a read-only file system: mount it writable ${other}`,
    ENOSPC: `${where} is on a full disk: free some space ${other}`,
  };
  const fallback = `${where} cannot be used (${code ?? 'unknown error'}): check that it is a writable folder ${other}`;
  return new Error((code && fixes[code]) || fallback, { cause: error });
}
